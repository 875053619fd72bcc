"""Provides read-aloud for the kiosk: speakers that read scripts of phrases without blocking,
report which phrase (and word) is being heard, and stop at once.

``get_speaker()`` picks the engines (Open JTalk for Japanese, pyttsx3/espeak-ng for the rest) and
the audio device (``MADOGUCHI_AUDIO_DEVICE``), or returns a NullSpeaker that says why not.
``synthesize_to_wav()`` is the command line's entry point. Engine modules import their heavy
libraries (pyopenjtalk, numpy, pyttsx3) only when loaded, so importing this package is cheap.
"""

from __future__ import annotations

from accessibility.speech.audio import Audio, Mark
from accessibility.speech.event import (
    MarkReached,
    PhraseEnded,
    PhraseStarted,
    ScriptFinished,
    SpeechEvent,
    SpeechFailed,
)
from accessibility.speech.factory import get_speaker, load_synthesizers, open_speaker, synthesize_to_wav
from accessibility.speech.openjtalk import OpenJTalkSynthesizer, credit_line, credits
from accessibility.speech.player import DEVICE_VARIABLE, AplayPlayer, audio_device
from accessibility.speech.script import Phrase, Script, script
from accessibility.speech.silent_speakers import NullSpeaker, RecordingSpeaker
from accessibility.speech.speaker import RepeatScope, Speaker
from accessibility.speech.synthesizer import Piece, Synthesizer, synthesize
from accessibility.speech.system_voice import Pyttsx3Synthesizer
from accessibility.speech.threaded_speaker import ThreadedSpeaker

__all__ = [
    "DEVICE_VARIABLE", "AplayPlayer", "Audio", "Mark", "MarkReached", "NullSpeaker", "OpenJTalkSynthesizer",
    "Phrase", "PhraseEnded", "PhraseStarted", "Piece", "Pyttsx3Synthesizer", "RecordingSpeaker",
    "RepeatScope", "Script", "ScriptFinished", "Speaker", "SpeechEvent", "SpeechFailed", "Synthesizer",
    "ThreadedSpeaker", "audio_device", "credit_line", "credits", "get_speaker", "load_synthesizers", "open_speaker",
    "script", "synthesize", "synthesize_to_wav",
]
