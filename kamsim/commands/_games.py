"""What `kamsim run` and `kamsim replay` do, apart from parsing: imported only when they run."""

from __future__ import annotations

import argparse
import json
from typing import Any

from kamsim.bots import play
from kamsim.errors import UserError
from kamsim.reports import modes
from kamsim.reports.recording import check_recording_args, maybe_record
from kamsim.scenario.catalog import DEFAULT_SCENARIO, resolve
from kamsim.scenario.load import load_scenario
from kamsim.scenario.model import Scenario
from kamsim.scenario.problems import LoadError
from kamsim.scoring import score_game
from kamsim.sim import (
    SaveError,
    Simulation,
    kpis,
    load_game,
    load_playbook,
    run_playbook,
    save_game,
)
from kamsim.sim.log import plain
from kamsim.sim.save import kept_scenario, read_save

EXIT_USAGE = 2  # as argparse's own usage errors


def load_or_explain(name: str) -> Scenario:
    """The scenario a SCENARIO argument names, or a UserError listing its problems."""
    try:
        return load_scenario(resolve(name))
    except LoadError as err:
        lines = "\n".join(p.format() for p in err.problems)
        raise UserError(f"the scenario has errors:\n{lines}") from None


def run(args: argparse.Namespace) -> int:
    """Play a whole game headless (see `kamsim run --help`)."""
    if args.bot and args.playbook:
        raise UserError("give either --bot or --playbook, not both", EXIT_USAGE)
    check_recording_args(args)
    scenario = load_or_explain(args.scenario)
    if args.bot:
        sim = play(scenario, args.seed, args.bot)
    else:
        sim = Simulation(scenario, args.seed)
        entries = _playbook(args.playbook) if args.playbook else []
        run_playbook(sim, entries)  # no playbook: the trainee does nothing all game
    if args.save:
        try:
            save_game(sim, args.save)
        except OSError as err:
            raise UserError(f"cannot write the save file {args.save}: {err.strerror}") from None
    mode = modes.bot(args.bot) if args.bot else modes.PLAYBOOK
    maybe_record(args, sim, mode=mode)
    report(sim, as_json=args.json)
    return 0


def _playbook(path: str) -> list:
    try:
        return load_playbook(path)
    except LoadError as err:
        raise UserError("\n".join(p.format() for p in err.problems)) from None


def replay(args: argparse.Namespace) -> int:
    """Rebuild a saved game and report it."""
    sim = open_save(args.save, args.scenario)
    report(sim, as_json=args.json)
    return 0


def open_save(path: str, scenario_name: str | None) -> Simulation:
    """Rebuild a saved game; the scenario comes from the save's id unless one is named."""
    try:
        data = read_save(path)
    except SaveError:
        data = {}  # load_game reports the exact problem below
    stored_id, stored_hash = data.get("scenario_id"), data.get("scenario_hash")
    if scenario_name:
        scenario = load_or_explain(scenario_name)
    else:
        scenario = _saved_scenario(str(stored_id or DEFAULT_SCENARIO), stored_hash, data)
    try:
        return load_game(path, scenario)
    except SaveError as err:
        raise UserError(str(err)) from None


def _saved_scenario(scenario_id: str, digest: object, data: dict[str, Any]) -> Scenario:
    """The scenario a save cites: by its id (bundled or in a scenario folder), else, when that
    file is gone or has changed since, the copy the save itself carries, else the copy the
    results database keeps by hash (the game was recorded with --participant/--cohort)."""
    from kamsim.scenario.load import scenario_hash

    try:
        scenario = load_or_explain(scenario_id)
    except UserError as err:
        problem: UserError | None = err
    else:
        if not isinstance(digest, str) or scenario_hash(scenario) == digest:
            return scenario
        problem = None  # a changed file: load_game explains the mismatch if nothing is kept
    kept = kept_scenario(data)
    if kept is None and isinstance(digest, str):
        kept = _kept_scenario(scenario_id, digest)
    if kept is not None:
        return kept
    if problem is not None:
        raise UserError(
            f"{problem}; or name the scenario file the game was played on with --scenario FILE",
            problem.exit_code,
        ) from None
    return scenario


def _kept_scenario(scenario_id: str, digest: str) -> Scenario | None:
    """The scenario the default results database keeps under this hash, if any."""
    from kamsim.reports.games import scenario_for
    from kamsim.reports.paths import default_db
    from kamsim.reports.store import ResultsStore

    try:
        if not default_db().is_file():
            return None
        with ResultsStore(default_db(), create=False, key=None) as store:  # reading only
            return scenario_for(scenario_id, digest, store)
    except UserError:
        return None


def summary(sim: Simulation) -> dict[str, Any]:
    """The contract of `--json`: ids, hashes, digest, final KPIs and every refusal."""
    return {
        "scenario": sim.scenario.meta.id,
        "scenario_hash": sim.scenario_hash,
        "seed": sim.seed,
        "form": sim.form.form if sim.form is not None else None,
        "week": sim.week,
        "finished": sim.finished,
        "digest": sim.digest(),
        "actions": len(sim.history),
        "kpis": final_kpis(sim),
        "scores": score_game(sim).to_dict(),
        "refused": [
            {"week": e.week, "action": e.data["action"], "reason": e.data["reason"]}
            for e in sim.log
            if e.kind == "refused"
        ],
    }


def final_kpis(sim: Simulation) -> dict[str, Any]:
    """The latest monthly record of the territory and of each account."""
    accounts = kpis.latest(sim.world.kpis)
    territory = accounts.pop("territory", {})
    return plain({"territory": territory, "accounts": accounts})


def report(sim: Simulation, *, as_json: bool) -> None:
    data = summary(sim)
    if as_json:
        print(json.dumps(data, sort_keys=True, indent=2, allow_nan=False))
        return
    t = data["kpis"]["territory"]
    form = f" (form {data['form']})" if data["form"] else ""
    print(
        f"{data['scenario']} seed {data['seed']}{form}: week {data['week']}, "
        f"{data['actions']} actions ({len(data['refused'])} refused)"
    )
    for key in ("sales", "share", "win_loss", "formulary_status", "satisfaction", "roi"):
        value = t.get(key)
        print(f"  {key:18s} {'—' if value is None else f'{value:,.3f}'}")
    scores = data["scores"]
    dims = ", ".join(f"{k} {v:.0f}" for k, v in scores["dimensions"].items())
    print(f"  score {scores['total']:.1f}/100 ({dims})")
    print(f"  digest {data['digest']}")
