// The warning before a signed-in person is signed out (WCAG 2.2.1 Timing Adjustable).
//
// The page says how many seconds its sign-in has left (includes/session_warning.jinja). Each
// page load starts that count again. Shortly before the end this asks the
// server how long is really left (another tab may have kept the sign-in alive), and only then
// opens the warning. "Stay signed in" (or Escape) asks the server to start the count again and
// closes the warning: the page, and anything typed in it, stays as it was. "Sign out now" is
// an ordinary form. When the time runs out the server has signed the person out, so the page
// goes to the sign-in page, which says why and brings them back here.

const ANNOUNCE_EVERY_MS = 15_000

function whenLeft (seconds) {
  if (seconds > 60) {
    const minutes = Math.ceil(seconds / 60)
    return `${minutes} minutes`
  }
  if (seconds > 45) return '1 minute'
  if (seconds > 0) return `${Math.ceil(seconds / 15) * 15} seconds`
  return 'a moment'
}

function startSessionTimeout (dialog) {
  const data = dialog.dataset
  const idleMs = Number(data.idleSeconds) * 1000
  const warningMs = Number(data.warningSeconds) * 1000
  const timeText = document.getElementById('session-warning-time')
  const stayButton = dialog.querySelector('[data-session-stay]')
  // However busy the person is, never later than the 10-hour limit.
  const absoluteEnd = Date.now() + Number(data.absoluteSecondsLeft) * 1000
  let end = Math.min(absoluteEnd, Date.now() + Number(data.secondsLeft) * 1000)
  let timer = null
  let announcer = null
  let returnFocusTo = null

  function schedule () {
    clearTimeout(timer)
    const wait = Math.max(0, end - warningMs - Date.now())
    timer = setTimeout(check, wait)
  }

  function signInAgain () {
    const here = window.location.pathname + window.location.search
    // As Django writes it: slashes kept.
    const next = encodeURIComponent(here).replace(/%2F/g, '/')
    window.location.assign(`${data.loginUrl}?next=${next}`)
  }

  // Reading the answer: seconds left, or null when the person is signed out already.
  async function ask (url, options) {
    const response = await fetch(url, {
      credentials: 'same-origin',
      headers: { Accept: 'application/json', ...(options && options.headers) },
      ...options
    })
    if (response.status === 401) return null
    if (!response.ok) throw new Error(`${url} answered ${response.status}`)
    const answer = await response.json()
    return Number(answer.seconds_left)
  }

  async function check () {
    let left
    try {
      left = await ask(data.statusUrl)
    } catch {
      // No answer (the network dropped): warn on the page's own count.
      left = Math.max(0, Math.round((end - Date.now()) / 1000))
    }
    if (left === null) {
      // The server has signed the person out (and kept a note of why for the sign-in page).
      signInAgain()
      return
    }
    end = Math.min(absoluteEnd, Date.now() + left * 1000)
    if (left * 1000 > warningMs + 1000) {
      close()
      schedule()
      return
    }
    open()
    // Just after the end, ask again: by then the server has signed the person out, unless
    // they stayed signed in from another tab.
    clearTimeout(timer)
    timer = setTimeout(check, Math.max(0, end - Date.now()) + 1000)
  }

  function announce () {
    const seconds = Math.max(0, Math.round((end - Date.now()) / 1000))
    const text = `You will be signed out in ${whenLeft(seconds)}.`
    // Screen readers hear the change, so it changes no more than every 15 seconds.
    if (timeText.textContent !== text) timeText.textContent = text
  }

  function open () {
    if (dialog.open) return
    returnFocusTo = document.activeElement
    announce()
    dialog.showModal()
    stayButton.focus()
    announcer = setInterval(announce, ANNOUNCE_EVERY_MS)
  }

  function close () {
    clearInterval(announcer)
    if (!dialog.open) return
    dialog.close()
    if (returnFocusTo && document.contains(returnFocusTo)) returnFocusTo.focus()
    returnFocusTo = null
  }

  async function stay () {
    let left
    try {
      left = await ask(data.extendUrl, {
        method: 'POST',
        headers: { 'X-CSRFToken': data.csrfToken }
      })
    } catch {
      // Could not reach the server: keep the warning open, and try again on the next press.
      return
    }
    if (left === null) {
      signInAgain()
      return
    }
    end = Math.min(absoluteEnd, Date.now() + left * 1000)
    close()
    schedule()
  }

  stayButton.addEventListener('click', stay)
  // Escape means "not now": stay signed in, rather than leave the warning unanswered.
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault()
    stay()
  })
  schedule()
}

const sessionWarning = document.getElementById('session-warning')
if (sessionWarning && typeof sessionWarning.showModal === 'function') {
  startSessionTimeout(sessionWarning)
}
