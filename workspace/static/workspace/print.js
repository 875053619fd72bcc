// The day page's "print" link: a file, not an onclick attribute, so the Content-Security-Policy
// can be script-src 'self' (backend/config/headers.py). Without JavaScript the link still works.
document.querySelectorAll("[data-print]").forEach((link) => {
  link.addEventListener("click", (event) => {
    event.preventDefault();
    window.print();
  });
});
