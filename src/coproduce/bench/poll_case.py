"""The poll at the issue's scale: votes cast on the production server, on loopback, as fast as
they come, with no double votes (target: POLL_TARGET_PER_S votes a second).

The worker (`python -m coproduce.bench.worker poll --out plan.json`) sets up an election whose
poll is open today, for a constituency of POLL_VOTERS members, each with a one-time code, and
writes the codes and the ballot's fields to the plan. The parent (`run_poll`, in the load run's
server) then casts one vote for every code from POLL_THREADS voters at once, each keeping its
own cookies as a browser does; then, to try the "one member, one vote" rule under pressure,
fires POLL_RACE simultaneous votes with one fresh code and as many with a code already used.
Last, the worker counts what the database holds (`poll-check`): one ballot for each vote that
was taken, and exactly one for the raced code."""

import http.client
import json
import random
import re
import threading
import time
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

POLL_NAME = "poll: votes cast a second on the production server"
DOUBLE_NAME = "poll: double votes"
POLL_TARGET_PER_S = 200.0
POLL_VOTERS = 4_000
POLL_CANDIDATES = 10
POLL_SEATS = 4
POLL_THREADS = 16
POLL_RACE = 50
BENCH_TITLE = "Bench poll"


# The worker's half: the election and its voters --------------------------------------------


def prepare(path: str, voters: int = POLL_VOTERS) -> dict:
    """An STV election for POLL_SEATS seats with POLL_CANDIDATES candidates, its poll open
    today, and `voters` members on its list, each with a code (kept in the plan only; the
    database keeps each code's hash, as the real letters do). Made in bulk, as demo data is:
    this is the bench's setting-up, not anybody's change."""
    from django.db import transaction
    from django.urls import reverse
    from django.utils import timezone

    from coproduce.membership.elections import codes
    from coproduce.membership.elections.choices import Delivery, Method, NominationStatus, Status
    from coproduce.membership.elections.models import Election, Nomination, Voter
    from coproduce.membership.members.choices import ConstituencyKind, JoinedBy
    from coproduce.membership.members.models import Constituency, Member

    today = timezone.localdate()
    with transaction.atomic():
        constituency = Constituency.objects.create(
            name=f"{BENCH_TITLE} {timezone.now():%H%M%S%f}",
            kind=ConstituencyKind.PATIENTS_AND_CARERS,
            governor_seats=POLL_SEATS,
        )
        members = Member.objects.bulk_create(
            [
                Member(
                    constituency=constituency,
                    joined_by=JoinedBy.PAPER,
                    full_name=f"Bench Voter {n}",
                    email=f"voter{n}@bench.example",
                    date_of_birth=today.replace(year=today.year - 40),
                )
                for n in range(voters + POLL_CANDIDATES)
            ],
            batch_size=2000,
        )
        election = Election.objects.create(
            title=BENCH_TITLE,
            constituency=constituency,
            seats=POLL_SEATS,
            method=Method.STV,
            status=Status.POLL,
            notice_published=today - timedelta(days=40),
            nominations_open=today - timedelta(days=35),
            nominations_close=today - timedelta(days=20),
            withdrawals_close=today - timedelta(days=15),
            poll_opens=today,
            poll_closes=today + timedelta(days=1),
            declaration=today + timedelta(days=2),
            voters_frozen_at=timezone.now(),
        )
        candidates = Nomination.objects.bulk_create(
            [
                Nomination(
                    election=election,
                    member=member,
                    statement="I will listen.",
                    declares_eligible=True,
                    status=NominationStatus.ACCEPTED,
                )
                for member in members[:POLL_CANDIDATES]
            ]
        )
        made: set[str] = set()
        while len(made) < voters:
            made.add(codes.new_code())
        plain = sorted(made)
        Voter.objects.bulk_create(
            [
                Voter(
                    election=election,
                    member=member,
                    delivery=Delivery.EMAIL,
                    code_hash=codes.code_hash(code),
                    code_sent_at=timezone.now(),
                )
                for member, code in zip(members[POLL_CANDIDATES:], plain, strict=True)
            ],
            batch_size=2000,
        )
    plan = {
        "election": election.pk,
        "path": reverse("elections:election_vote", args=[election.pk]),
        "fields": [f"c{n.pk}" for n in candidates],
        "codes": plain,
    }
    with open(path, "w") as out:
        json.dump(plan, out)
    return {"voters": voters, "election": election.pk}


def check(election_pk: int) -> dict:
    """What the database holds after the poll: ballots and voters marked as having voted."""
    from coproduce.membership.elections.models import Ballot, HasVoted

    return {
        "ballots": Ballot.objects.filter(election_id=election_pk).count(),
        "voted": HasVoted.objects.filter(voter__election_id=election_pk).count(),
    }


# The parent's half: voting over HTTP -------------------------------------------------------


@dataclass
class PollResult:
    votes: int = 0  # votes the server took (it redirected to "thank you")
    refused: int = 0  # votes it refused (it showed the code page again)
    errors: int = 0  # anything else
    seconds: float = 0.0
    race_taken: int = 0  # of POLL_RACE simultaneous votes with one fresh code
    reused_taken: int = 0  # of POLL_RACE simultaneous votes with a code already used
    ballots: int | None = None
    voted: int | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def per_second(self) -> float | None:
        return self.votes / self.seconds if self.seconds else None

    @property
    def double_votes(self) -> int | None:
        """Ballots beyond one for each vote taken, and a raced code taken more than once."""
        if self.ballots is None:
            return None
        return max(0, self.ballots - self.votes - self.race_taken) + max(0, self.race_taken - 1)

    def as_dict(self) -> dict:
        return {**asdict(self), "per_second": self.per_second, "double_votes": self.double_votes}


class _Voter:
    """One browser: opens the vote page once for its cookie and form token, then casts.

    Plain `http.client`, with the cookie and the headers a browser sends: the bench's voters
    share the machine with the server, and a heavier client's own work would be counted
    against the server's speed."""

    def __init__(self, base: str, plan: dict):
        where = urlsplit(base)
        self.connection = http.client.HTTPConnection(where.netloc, timeout=30)
        self.origin = f"https://{where.netloc}"
        self.path = plan["path"]
        self.fields = plan["fields"]
        # The server is told the browser's connection was HTTPS (as the trust's proxy says),
        # so its cookies are Secure; over loopback they are sent back all the same.
        self.headers = {"X-Forwarded-Proto": "https"}
        status, cookies, page = self._send("GET", self.path)
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or found is None:
            raise RuntimeError(f"the vote page answered {status}")
        self.headers["Cookie"] = "; ".join(f"{m.key}={m.value}" for m in cookies.values())
        self.token = found.group(1)

    def _send(self, method: str, path: str, body: str | None = None, headers=None):
        self.connection.request(
            method, path, body=body, headers={**self.headers, **(headers or {})}
        )
        answer = self.connection.getresponse()
        page = answer.read().decode(errors="replace")
        cookies = SimpleCookie()
        for header in answer.headers.get_all("Set-Cookie") or []:
            cookies.load(header)
        return answer.status, cookies, page

    def cast(self, code: str, draw: random.Random) -> str:
        """'taken', 'refused' or 'error: …'"""
        order = draw.sample(self.fields, draw.randint(1, len(self.fields)))
        data = {"csrfmiddlewaretoken": self.token, "step": "cast", "code": code}
        data.update({name: str(rank) for rank, name in enumerate(order, start=1)})
        try:
            status, _, _ = self._send(
                "POST",
                self.path,
                body=urlencode(data),
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": self.origin,
                    "Referer": self.origin + self.path,
                },
            )
        except (OSError, http.client.HTTPException) as error:
            self.connection.close()
            return f"error: {type(error).__name__}"
        if status in (302, 303):
            return "taken"
        if status == 400:
            return "refused"
        return f"error: {status}"


def vote_over_http(
    base: str, plan: dict, threads: int = POLL_THREADS, race: int = POLL_RACE
) -> PollResult:
    """Every code voted once, from `threads` voters at once; then the race."""
    result = PollResult()
    codes = plan["codes"][:-1]  # the last is kept fresh for the race
    lock = threading.Lock()
    voters = [_Voter(base, plan) for _ in range(threads)]
    outcomes: list[str] = []

    def work(n: int) -> None:
        draw = random.Random(n)
        mine = codes[n::threads]
        got = [voters[n].cast(code, draw) for code in mine]
        with lock:
            outcomes.extend(got)

    started = time.perf_counter()
    _all_at_once(work, threads)
    result.seconds = time.perf_counter() - started
    result.votes = outcomes.count("taken")
    result.refused = outcomes.count("refused")
    result.errors = len(outcomes) - result.votes - result.refused
    result.problems = sorted({o for o in outcomes if o.startswith("error")})[:5]
    result.race_taken = _race(base, plan, plan["codes"][-1], race)
    result.reused_taken = _race(base, plan, codes[0], race)
    return result


def _race(base: str, plan: dict, code: str, attempts: int) -> int:
    """`attempts` voters cast with the same code at the same moment: how many were taken."""
    voters = [_Voter(base, plan) for _ in range(attempts)]
    gate = threading.Barrier(attempts)
    taken: list[str] = []
    lock = threading.Lock()

    def work(n: int) -> None:
        gate.wait()
        got = voters[n].cast(code, random.Random(n))
        with lock:
            taken.append(got)

    _all_at_once(work, attempts)
    return taken.count("taken")


def _all_at_once(work, count: int) -> None:
    running = [threading.Thread(target=work, args=(n,)) for n in range(count)]
    for thread in running:
        thread.start()
    for thread in running:
        thread.join()


def run_poll(env: dict[str, str], base_dir, run_worker) -> PollResult:
    """The poll on the production server: `run_worker(step, *arguments, env=...)` runs a
    bench worker step against the database and gives its JSON."""
    from coproduce.bench.load import production_server

    try:
        with production_server(env, base_dir, "poll") as served:
            path = served.folder / "poll.json"
            made = run_worker("poll", "--out", str(path), env=served.env)
            plan = json.loads(path.read_text())
            result = vote_over_http(served.base, plan)
            held = run_worker("poll-check", "--election", str(made["election"]), env=served.env)
            result.ballots, result.voted = held["ballots"], held["voted"]
            served.keep = bool(result.errors)
    except RuntimeError as error:
        result = PollResult(problems=[str(error)])
    return result


def poll_rows(database: str, result: PollResult) -> list:
    """The poll's two rows of the bench's table."""
    from coproduce.bench.report import Row

    speed = Row(POLL_NAME, database, f"> {POLL_TARGET_PER_S:.0f}/s", "-", "-", None)
    doubles = Row(DOUBLE_NAME, database, "0", "-", "-", None)
    if result.problems and not result.votes:
        speed.note = doubles.note = f"not measured: {result.problems[0]}"
        return [speed, doubles]
    per_second = result.per_second or 0.0
    # The details go beside the figure: a note would stand in for the verdict.
    speed.median = f"{per_second:,.0f}/s ({result.votes:,} votes in {result.seconds:.1f} s)"
    speed.met = per_second > POLL_TARGET_PER_S and not result.errors
    if result.errors:
        speed.note = f"MISSED: {result.errors} errors ({', '.join(result.problems)})"
    doubles.median = (
        f"{result.double_votes} ({POLL_RACE} at once with one code: {result.race_taken} "
        f"taken, with a used code: {result.reused_taken}; {result.ballots:,} ballots for "
        f"{result.voted:,} who voted)"
    )
    doubles.met = (
        result.double_votes == 0 and result.ballots == result.voted and result.reused_taken == 0
    )
    return [speed, doubles]
