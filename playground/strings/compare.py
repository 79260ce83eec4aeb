"""Strings of the compare part of the app (keys start with ``compare.``)."""

STRINGS: dict[str, dict[str, str]] = {
    "compare.error.start_invalid": {
        "en": "The start point must be two ordinary numbers between -{limit} and {limit}; type a value such as -1.5.",
        "ko": "시작점은 -{limit}에서 {limit} 사이의 보통 숫자 두 개여야 합니다. -1.5 같은 값을 입력하세요.",
    },
    "compare.error.optimizer_count": {
        "en": "Choose between {minimum} and {maximum} optimizers.",
        "ko": "옵티마이저를 {minimum}개에서 {maximum}개 사이로 고르세요.",
    },
    "compare.error.steps_range": {
        "en": "The number of steps must be between 1 and {maximum}.",
        "ko": "스텝 수는 1에서 {maximum} 사이여야 합니다.",
    },
    "compare.error.unknown_surface": {
        "en": "There is no surface called {name}; choose one of {choices}.",
        "ko": "{name}이라는 곡면은 없습니다. {choices} 중에서 고르세요.",
    },
    "compare.tagline": {
        "en": "The notes say Adam is the most popular optimizer and that sigmoid's gradient shrinks at every layer. Here you can watch both happen.",
        "ko": "강의 노트는 Adam이 가장 많이 쓰이는 옵티마이저이고, 시그모이드의 기울기는 층마다 줄어든다고 말합니다. 여기서 그 모습을 직접 볼 수 있습니다.",
    },
    "compare.tab.race": {"en": "Optimizer race", "ko": "옵티마이저 경주"},
    "compare.tab.surface": {"en": "Loss-surface lab", "ko": "손실 곡면 실험실"},
    "compare.tab.activations": {"en": "Activation explorer", "ko": "활성화 함수 탐색기"},
    "compare.learning_rate": {"en": "learning rate", "ko": "학습률"},
    "compare.optimizer": {"en": "Optimizer", "ko": "옵티마이저"},
    "compare.status": {"en": "Status", "ko": "상태"},
    "compare.loss": {"en": "loss", "ko": "손실"},
    "compare.diverged": {"en": "diverged", "ko": "발산"},
    "compare.diverged_at": {"en": "diverged at step {step}", "ko": "{step}번째 스텝에서 발산"},
    "compare.surface.intro": {
        "en": "Each optimizer below is the real `keras.optimizers` class, stepping two numbers (x, y) downhill on the function you pick. Press ▶ under the plot to watch the paths; the box on the right shows each optimizer's current loss.",
        "ko": "아래의 각 옵티마이저는 실제 `keras.optimizers` 클래스로, 고른 함수 위에서 두 숫자 (x, y)를 내리막 방향으로 움직입니다. 그림 아래의 ▶를 눌러 경로를 보세요. 오른쪽 상자에 각 옵티마이저의 현재 손실이 나옵니다.",
    },
    "compare.surface.function": {"en": "Function", "ko": "함수"},
    "compare.surface.start_x": {"en": "start x", "ko": "시작 x"},
    "compare.surface.start_y": {"en": "start y", "ko": "시작 y"},
    "compare.surface.steps": {"en": "steps", "ko": "스텝 수"},
    "compare.surface.optimizers": {"en": "Optimizers", "ko": "옵티마이저"},
    "compare.surface.settings": {"en": "Learning rates and parameters", "ko": "학습률과 파라미터"},
    "compare.surface.pick_one": {"en": "Pick at least one optimizer above.", "ko": "위에서 옵티마이저를 하나 이상 고르세요."},
    "compare.surface.computing": {"en": "Running the optimizers…", "ko": "옵티마이저를 실행하는 중…"},
    "compare.surface.contour_tab": {"en": "Contour (animated)", "ko": "등고선 (애니메이션)"},
    "compare.surface.3d_tab": {"en": "3D surface", "ko": "3D 곡면"},
    "compare.surface.play": {"en": "Play", "ko": "재생"},
    "compare.surface.pause": {"en": "Pause", "ko": "일시정지"},
    "compare.surface.step": {"en": "step", "ko": "스텝"},
    "compare.surface.final_loss": {"en": "final loss", "ko": "최종 손실"},
    "compare.surface.finished": {"en": "finished", "ko": "완료"},
    "compare.surface.diverged_hint": {
        "en": "A diverged path blew up (its loss became infinite or huge) and was stopped there. Lower that optimizer's learning rate in \"Learning rates and parameters\".",
        "ko": "발산한 경로는 손실이 무한대이거나 너무 커져서 그 지점에서 멈췄습니다. \"학습률과 파라미터\"에서 그 옵티마이저의 학습률을 낮춰 보세요.",
    },
    "compare.surface.convex_bowl": {"en": "Convex bowl", "ko": "볼록한 그릇"},
    "compare.surface.elongated_valley": {"en": "Elongated valley", "ko": "길쭉한 골짜기"},
    "compare.surface.rosenbrock": {"en": "Rosenbrock (banana valley)", "ko": "로젠브록 (바나나 골짜기)"},
    "compare.surface.beale": {"en": "Beale", "ko": "빌(Beale)"},
    "compare.surface.saddle": {"en": "Saddle point", "ko": "안장점"},
    "compare.surface.himmelblau": {"en": "Himmelblau (four minima)", "ko": "힘멜블라우 (최솟값 네 개)"},
    "compare.surface.convex_bowl.about": {
        "en": "f = x² + y². One minimum at (0, 0) and the same curvature everywhere: every optimizer gets there.",
        "ko": "f = x² + y². 최솟값은 (0, 0) 하나이고 모든 방향의 곡률이 같아서 어떤 옵티마이저든 도착합니다.",
    },
    "compare.surface.elongated_valley.about": {
        "en": "f = 0.1x² + 2.5y²: 25 times steeper across the valley than along it. Plain SGD zig-zags across; momentum and the adaptive optimizers go along.",
        "ko": "f = 0.1x² + 2.5y²: 골짜기를 가로지르는 방향이 골짜기를 따라가는 방향보다 25배 가파릅니다. 일반 SGD는 지그재그로 움직이고, 모멘텀과 적응형 옵티마이저는 골짜기를 따라갑니다.",
    },
    "compare.surface.rosenbrock.about": {
        "en": "f = (1 − x)² + 100(y − x²)². Finding the curved valley is easy; crawling along it to the minimum at (1, 1) is hard.",
        "ko": "f = (1 − x)² + 100(y − x²)². 휘어진 골짜기를 찾기는 쉽지만, 골짜기를 따라 (1, 1)의 최솟값까지 가기는 어렵습니다.",
    },
    "compare.surface.beale.about": {
        "en": "Beale's function: flat plateaus and steep walls; the minimum is at (3, 0.5). Colours are on a log scale.",
        "ko": "빌 함수: 평평한 고원과 가파른 벽이 있고 최솟값은 (3, 0.5)입니다. 색은 로그 척도입니다.",
    },
    "compare.surface.saddle.about": {
        "en": "f = x² − y² + y⁴/4: the origin is a saddle (a minimum along x, a maximum along y). Starting almost on the ridge, watch which optimizers escape to the valleys at y = ±1.41.",
        "ko": "f = x² − y² + y⁴/4: 원점은 안장점입니다(x 방향으로는 최소, y 방향으로는 최대). 능선 바로 옆에서 출발해 어떤 옵티마이저가 y = ±1.41의 골짜기로 빠져나가는지 보세요.",
    },
    "compare.surface.himmelblau.about": {
        "en": "Himmelblau's function has four equal minima: which one an optimizer reaches depends on the start point and on the optimizer.",
        "ko": "힘멜블라우 함수에는 높이가 같은 최솟값이 네 개 있습니다. 어느 곳에 도착하는지는 시작점과 옵티마이저에 따라 달라집니다.",
    },
}
