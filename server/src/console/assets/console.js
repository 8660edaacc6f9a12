// The console's only script (served from the binary, allowed by the CSP):
// copy or download a key shown once, and confirm destructive actions.
document.addEventListener('click', (e) => {
  const copy = e.target.closest('[data-copy]');
  if (copy) {
    const el = document.getElementById(copy.dataset.copy);
    el.select();
    navigator.clipboard?.writeText(el.value).then(() => { copy.textContent = 'Copied'; }, () => document.execCommand('copy'));
  }
  const dl = e.target.closest('[data-download]');
  if (dl) {
    const el = document.getElementById(dl.dataset.download);
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([el.value + '\n'], { type: 'text/plain' }));
    a.download = dl.dataset.filename;
    a.click();
    URL.revokeObjectURL(a.href);
  }
});
document.addEventListener('submit', (e) => {
  const what = e.target.dataset.confirm;
  if (what && !window.confirm(`${what}: are you sure?`)) e.preventDefault();
});
