"""Strings of the training engine (``playground.engine``): what a learner reads while a training waits or cannot run."""

STRINGS: dict[str, dict[str, str]] = {
    # A live view whose training no worker has taken yet (the workers still start, or train other learners' jobs).
    "engine.waiting": {"en": "Waiting for a training worker…", "ko": "학습 워커를 기다리는 중…"},
    "engine.error.worker_died": {
        "en": "Failed — the training process stopped (out of memory?). The curves so far are kept; "
              "try fewer samples, a smaller batch or a smaller model. ({detail})",
        "ko": "실패 — 학습 프로세스가 멈췄습니다(메모리 부족?). 지금까지의 곡선은 남아 있습니다. "
              "샘플 수, 배치 크기 또는 모델 크기를 줄여 보세요. ({detail})",
    },
    "engine.error.scheduler_unreachable": {
        "en": "The Dask scheduler at {address} cannot be reached. Start it (`dask scheduler`) and its workers "
              "(`dask worker {address}`), or start the playground without --scheduler to train on this computer.",
        "ko": "{address}의 Dask 스케줄러에 연결할 수 없습니다. 스케줄러(`dask scheduler`)와 워커"
              "(`dask worker {address}`)를 시작하거나, --scheduler 없이 플레이그라운드를 시작해 이 컴퓨터에서 학습하세요.",
    },
    "engine.error.cluster_failed": {
        "en": "The training workers could not start on this computer ({detail}). Restart the playground; "
              "if it happens again, check that `python -m playground.engine.local_cluster --help` runs.",
        "ko": "이 컴퓨터에서 학습 워커를 시작할 수 없습니다({detail}). 플레이그라운드를 다시 시작하세요. "
              "다시 발생하면 `python -m playground.engine.local_cluster --help` 가 실행되는지 확인하세요.",
    },
}
