"""A service mode for a video consultation at a fixed place that is not the kiosk (an オンライン診療
受診施設 such as a 公民館's room): the demo's telemedicine service was worded as "this kiosk's
booth" while its place was the community hall. Demo data made before moves to the new mode."""

from django.db import migrations, models


def sample_telemedicine_at_its_facility(apps, schema_editor):  # type: ignore[no-untyped-def]
    Service = apps.get_model("booking", "Service")
    Service.objects.filter(municipality__is_sample=True, code="telemedicine-booth",
                           mode="kiosk_video").update(mode="facility_video")


class Migration(migrations.Migration):

    dependencies = [
        ("booking", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="service",
            name="mode",
            field=models.CharField(choices=[("kiosk_video", "ビデオ（このキオスクのブース）"),
                                            ("facility_video", "ビデオ（オンライン診療受診施設などの 決まった 場所）"),
                                            ("home_video", "ビデオ（自宅）"),
                                            ("mobile_clinic", "モバイルクリニック（車）の訪問")], max_length=32),
        ),
        migrations.RunPython(sample_telemedicine_at_its_facility, migrations.RunPython.noop),
    ]
