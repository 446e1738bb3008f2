"""The what-if job: an id in, the replay, progress kept on the simulation row (the page polls it)."""

from __future__ import annotations

from celery import shared_task

from .models import Simulation, SimulationStatus
from .services import simulation_run


@shared_task(acks_late=True)
def run_simulation(simulation_id: int) -> dict:
    """Run one what-if. Redelivered after a worker died, it starts the replay again (it writes only the
    simulation's own rows, replaced on each run); a finished one is left alone."""
    simulation = Simulation.objects.select_related("version").get(pk=simulation_id)
    if simulation.status == SimulationStatus.DONE:
        return {"simulation": simulation_id, "status": "done already"}
    simulation = simulation_run(simulation)
    return {"simulation": simulation_id, "status": simulation.status, "rows": simulation.total}
