// Display mode (Working Together): moves to the next story every few seconds, with a button
// that pauses and plays (WCAG 2.2.2 Pause, Stop, Hide). Without this script the page's
// <noscript> refresh and links do the same. While paused, screen readers hear each slide as
// it is chosen; while playing they are not interrupted (aria-live off).

function start (display) {
  const slides = Array.from(display.querySelectorAll('[data-app-slide]'))
  const toggle = display.querySelector('[data-app-display-toggle]')
  const count = display.querySelector('[data-app-display-count]')
  const region = display.querySelector('[data-app-display-slides]')
  if (!toggle || slides.length === 0) {
    return
  }
  const seconds = Number(display.dataset.seconds) || 15
  let current = Math.max(0, slides.findIndex((slide) => !slide.hidden))
  let timer = null

  function show (index) {
    slides[current].hidden = true
    slides[current].classList.remove('app-display__slide--arrived')
    current = (index + slides.length) % slides.length
    slides[current].hidden = false
    slides[current].classList.add('app-display__slide--arrived')
    count.textContent = `Story ${current + 1} of ${slides.length}`
  }

  function play () {
    timer = window.setInterval(() => show(current + 1), seconds * 1000)
    toggle.textContent = 'Pause the slides'
    region.setAttribute('aria-live', 'off')
    display.dataset.state = 'playing'
  }

  function pause () {
    window.clearInterval(timer)
    timer = null
    toggle.textContent = 'Play the slides'
    region.setAttribute('aria-live', 'polite')
    display.dataset.state = 'paused'
  }

  toggle.hidden = false
  toggle.addEventListener('click', () => (timer === null ? play() : pause()))
  // Arrow keys move between stories by hand (and pause, so the story stays to be read).
  document.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      if (timer !== null) {
        pause()
      }
      show(current + (event.key === 'ArrowRight' ? 1 : -1))
    }
  })
  if (slides.length > 1 && !('paused' in display.dataset)) {
    play()
  } else if (slides.length > 1) {
    pause()
  } else {
    toggle.hidden = true
  }
}

document.querySelectorAll('[data-app-display]').forEach(start)
