// "Print this page" on a support sheet: a button marked data-app-print, hidden until this
// script runs (without scripts, the page tells people to use their browser's print option).
document.querySelectorAll('[data-app-print]').forEach((button) => {
  button.hidden = false
  button.addEventListener('click', () => window.print())
})
document.querySelectorAll('[data-app-print-hint]').forEach((hint) => {
  hint.hidden = true
})
