"""The bench measures the welcome pack PDF against the issue's 2 seconds, in each version."""

from coproduce.bench.cases import CASES, Fixtures


def test_the_bench_times_the_welcome_pack_pdf_against_two_seconds():
    cases = {case.name: case for case in CASES if case.name.startswith("welcome pack PDF")}
    assert set(cases) == {"welcome pack PDF, standard", "welcome pack PDF, Easy Read"}
    fixtures = Fixtures(area_id=1, expert_id=42)
    for case in cases.values():
        assert case.target_ms == 2000
        assert case.role == "coordinator"
        assert case.path(fixtures).startswith("/experts/42/welcome-pack/pack.pdf?format=")
