import { initAll } from '../vendor/nhsuk/nhsuk-frontend.min.js'
// The warning before a signed-in person is signed out (it does nothing on other pages).
import './session-timeout.mjs'
// "Print this page" on support sheets (it does nothing on other pages).
import './print-page.mjs'
// Pages that follow work done in the background, such as making badges.
import './progress.mjs'

initAll()

// Radios that reveal more questions (choosing "Letter" shows where to write). NHS.UK frontend
// 10 marks such a radio aria-expanded, which ARIA does not allow on a radio (axe fails it);
// GOV.UK Frontend 5 dropped it for that reason. These are marked data-app-reveal instead and
// are only shown or hidden. Without scripts every revealed question simply shows.
function syncReveals () {
  document.querySelectorAll('input[type="radio"][data-app-reveal]').forEach((radio) => {
    const revealed = document.getElementById(radio.dataset.appReveal)
    if (revealed) {
      revealed.classList.toggle('nhsuk-radios__conditional--hidden', !radio.checked)
    }
  })
}
document.addEventListener('change', (event) => {
  if (event.target instanceof HTMLInputElement && event.target.type === 'radio') {
    syncReveals()
  }
})
window.addEventListener('pageshow', syncReveals)
syncReveals()
