"""A task for the deployment tests: the worker subprocesses import it (PYTHONPATH is the
repository), and its return value shows it ran."""

from django_tasks import task


@task()
def echo(value: str) -> str:
    return value
