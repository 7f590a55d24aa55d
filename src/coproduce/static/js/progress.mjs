// A page that follows work done in the background (making a sheet of badges). While the work
// runs, this asks the server for the page every few seconds and puts the new count in the
// page's status line, which a screen reader reads out, without reloading the page (a reload
// would move the reader back to the top). When the work is done, the part below the status
// line is swapped for the new one, with its download link. It stops asking after a while, so
// an open tab does not keep the person signed in. Without scripts the page has a link to
// check again.

const EVERY_MS = 3_000
const GIVE_UP_MS = 10 * 60_000

async function freshCopy () {
  const response = await fetch(window.location.href, { headers: { Accept: 'text/html' } })
  if (!response.ok) return null
  const page = new DOMParser().parseFromString(await response.text(), 'text/html')
  return page.querySelector('[data-app-progress]')
}

function follow (region) {
  const started = Date.now()
  const timer = setInterval(async () => {
    if (Date.now() - started > GIVE_UP_MS) {
      clearInterval(timer)
      return
    }
    let fresh
    try {
      fresh = await freshCopy()
    } catch {
      return // the network dropped for a moment: ask again next time
    }
    if (!fresh) return
    const status = region.querySelector('[role="status"]')
    const freshStatus = fresh.querySelector('[role="status"]')
    if (status && freshStatus && status.textContent !== freshStatus.textContent) {
      status.textContent = freshStatus.textContent
    }
    if (fresh.dataset.appProgress === 'running') return
    clearInterval(timer)
    region.dataset.appProgress = fresh.dataset.appProgress
    const rest = region.querySelector('[data-app-progress-rest]')
    const freshRest = fresh.querySelector('[data-app-progress-rest]')
    if (rest && freshRest) rest.replaceWith(document.importNode(freshRest, true))
    const heading = document.querySelector('h1')
    const freshHeading = fresh.ownerDocument.querySelector('h1')
    if (heading && freshHeading) heading.textContent = freshHeading.textContent
    document.title = fresh.ownerDocument.title
  }, EVERY_MS)
}

document.querySelectorAll('[data-app-progress="running"]').forEach(follow)
