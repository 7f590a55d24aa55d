"""Background work for confidential work: the nightly safety net that withdraws the papers
of any confidential work that has closed (declined, cancelled, or closed by its named staff)."""

from django_tasks import task

from coproduce.opportunities.confidential import services


@task()
def withdraw_papers_of_closed_work() -> int:
    return services.withdraw_papers_of_closed_work()
