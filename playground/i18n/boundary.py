"""Strings of the Decision boundary lab (keys start with ``boundary.``)."""

STRINGS: dict[str, dict[str, str]] = {
    "boundary.intro": {
        "en": "Pick a set of points, build a small network and watch how it splits the plane as it trains. "
              "The colour is what the network answers at each place; dots are training points, crosses test points.",
        "ko": "점 집합을 고르고 작은 신경망을 만든 뒤, 학습하면서 평면을 어떻게 나누는지 지켜보세요. "
              "색은 각 위치에서 신경망이 내는 답이고, 점은 학습 데이터, X 표시는 테스트 데이터입니다.",
    },
    "boundary.source": {"en": "The {set} points of the Decision boundary lab.", "ko": "결정 경계 실습의 {set} 점 집합."},
    "boundary.source_drawn": {
        "en": "The {set} points of the Decision boundary lab, as drawn there: {points} points, {classes} classes, "
              "noise {noise}, {test_percent}% kept for testing.",
        "ko": "결정 경계 실습에서 만든 {set} 점 집합: 점 {points}개, 클래스 {classes}개, 노이즈 {noise}, "
              "테스트용 {test_percent}%.",
    },
    "boundary.lessons": {"en": "Lessons (one click fills the controls)", "ko": "수업 (누르면 설정이 채워집니다)"},
    "boundary.lesson.perceptron_and.title": {"en": "1. A perceptron does AND", "ko": "1. 퍼셉트론은 AND를 풉니다"},
    "boundary.lesson.perceptron_and.text": {
        "en": "A perceptron (no hidden layer, one sigmoid unit) draws one straight line. AND's four corners can be "
              "split by a line, so it learns them. Switch the set to OR: a line works there too.",
        "ko": "퍼셉트론(은닉층 없이 시그모이드 유닛 하나)은 직선 하나를 긋습니다. AND의 네 모서리는 직선으로 나눌 수 있어 "
              "학습됩니다. 점 집합을 OR로 바꿔 보세요. 거기서도 직선이면 됩니다.",
    },
    "boundary.lesson.perceptron_xor.title": {"en": "2. …but not XOR", "ko": "2. …하지만 XOR은 못 풉니다"},
    "boundary.lesson.perceptron_xor.text": {
        "en": "XOR puts equal classes in opposite corners: no single straight line separates them. "
              "However long the perceptron trains, its accuracy stays far from 100 %.",
        "ko": "XOR은 같은 클래스를 서로 마주 보는 모서리에 둡니다. 직선 하나로는 나눌 수 없습니다. "
              "퍼셉트론을 아무리 오래 학습해도 정확도는 100 %에 한참 못 미칩니다.",
    },
    "boundary.lesson.hidden_xor.title": {"en": "3. One hidden layer solves XOR", "ko": "3. 은닉층 하나면 XOR이 풀립니다"},
    "boundary.lesson.hidden_xor.text": {
        "en": "Four tanh neurons each draw a line; the output combines them into a bent boundary. "
              "Within a few dozen epochs both training and test points are classified correctly.",
        "ko": "tanh 뉴런 네 개가 각자 직선을 긋고, 출력층이 그것들을 합쳐 꺾인 경계를 만듭니다. "
              "수십 에포크 안에 학습 점과 테스트 점이 모두 바르게 분류됩니다.",
    },
    "boundary.lesson.circles_linear.title": {"en": "4. Circles: a line fails", "ko": "4. 원: 직선은 실패합니다"},
    "boundary.lesson.circles_linear.text": {
        "en": "One class sits inside a ring of the other. With only x₁ and x₂ a perceptron can draw a line, "
              "and no line cuts a disc out of a ring.",
        "ko": "한 클래스가 다른 클래스의 고리 안에 있습니다. x₁, x₂만 받는 퍼셉트론은 직선만 그을 수 있고, "
              "직선으로는 고리에서 원판을 잘라낼 수 없습니다.",
    },
    "boundary.lesson.circles_squares.title": {"en": "5. Circles: x₁² and x₂² succeed", "ko": "5. 원: x₁²과 x₂²이면 됩니다"},
    "boundary.lesson.circles_squares.text": {
        "en": "Give the same perceptron x₁² and x₂² as inputs. A line in (x₁², x₂²) is a circle in the plane, "
              "so the same single unit now separates the classes: good features can replace layers.",
        "ko": "같은 퍼셉트론에 x₁²과 x₂²을 입력으로 주세요. (x₁², x₂²)에서의 직선은 평면에서 원이 되므로, "
              "유닛 하나로도 클래스가 나뉩니다. 좋은 특성은 층을 대신할 수 있습니다.",
    },
    "boundary.lesson.spiral_depth.title": {"en": "6. A spiral needs depth", "ko": "6. 나선에는 깊이가 필요합니다"},
    "boundary.lesson.spiral_depth.text": {
        "en": "Two interleaved arms need a boundary that winds around. Three hidden layers of 16 tanh units learn it "
              "in a few hundred epochs; try removing layers and watch it give up.",
        "ko": "서로 감긴 두 팔을 나누려면 경계가 빙빙 돌아야 합니다. tanh 16개짜리 은닉층 세 개가 수백 에포크 만에 "
              "배웁니다. 층을 줄여 보면 포기하는 모습을 볼 수 있습니다.",
    },
    "boundary.lesson.vanishing_gradient.title": {"en": "7. Deep sigmoid learns slowly", "ko": "7. 깊은 시그모이드는 느립니다"},
    "boundary.lesson.vanishing_gradient.text": {
        "en": "Four sigmoid layers trained with SGD: after 40 epochs the loss has hardly left 0.69 and the plane stays "
              "one colour. A sigmoid's slope is at most 0.25, so the gradient shrinks at every layer on its way back "
              "(the vanishing gradient). Switch every activation to relu and train again: the circle appears.",
        "ko": "시그모이드 층 네 개를 SGD로 학습합니다. 40 에포크가 지나도 손실은 0.69에서 거의 움직이지 않고 평면은 한 "
              "색입니다. 시그모이드의 기울기는 최대 0.25라서, 기울기가 거꾸로 전달될 때 층마다 작아집니다 (기울기 소실). "
              "활성화 함수를 모두 relu로 바꾸고 다시 학습해 보세요. 원이 나타납니다.",
    },
    "boundary.lesson.overfit.title": {"en": "8. Too many neurons overfit", "ko": "8. 뉴런이 너무 많으면 과대적합"},
    "boundary.lesson.overfit.text": {
        "en": "Few noisy points, a big network: the training loss falls towards zero while the test loss turns "
              "back up, and the boundary wraps around single points. Choose L2 under Regularization, or fewer "
              "neurons, and compare.",
        "ko": "점은 적고 잡음이 많은데 신경망은 큽니다. 학습 손실은 0에 가까워지지만 테스트 손실은 다시 올라가고, "
              "경계가 점 하나하나를 감쌉니다. 규제에서 L2를 고르거나 뉴런 수를 줄여 비교해 보세요.",
    },
    "boundary.data": {"en": "Data", "ko": "데이터"},
    "boundary.network": {"en": "Network", "ko": "신경망"},
    "boundary.set": {"en": "Point set", "ko": "점 집합"},
    "boundary.classes": {"en": "Classes", "ko": "클래스 수"},
    "boundary.noise": {"en": "Noise", "ko": "잡음"},
    "boundary.points": {"en": "Points", "ko": "점 개수"},
    "boundary.test_ratio": {"en": "Test share", "ko": "테스트 비율"},
    "boundary.hidden_layers": {"en": "Hidden layers (0 = perceptron)", "ko": "은닉층 수 (0 = 퍼셉트론)"},
    "boundary.units": {"en": "Layer {number}: units", "ko": "{number}층: 유닛 수"},
    "boundary.activation": {"en": "Layer {number}: activation", "ko": "{number}층: 활성화 함수"},
    "boundary.output": {"en": "Output: {output} with {loss} (chosen from the number of classes).",
                        "ko": "출력층: {output}, 손실 {loss} (클래스 수에 따라 자동 선택)."},
    "boundary.features": {"en": "Input features", "ko": "입력 특성"},
    "boundary.features_help": {
        "en": "The model's first layer, InputFeatures, computes these columns from each point (x₁, x₂) "
              "(Keras has no built-in layer for them, and Lambda layers are not allowed): the exported code "
              "defines the same small layer class.",
        "ko": "모델의 첫 번째 층 InputFeatures가 각 점 (x₁, x₂)에서 이 열들을 계산합니다 (Keras에는 이런 기본 층이 "
              "없고 Lambda 층은 허용되지 않습니다). 내보낸 코드에도 같은 작은 층 클래스가 정의되어 있습니다.",
    },
    "boundary.regularizer": {"en": "Regularization of every kernel", "ko": "모든 커널의 규제"},
    "boundary.regularizer_help": {
        "en": "Keras's own names: 'l2' adds strength × the sum of squared weights to the loss "
              "(keras.regularizers.L2(strength)), 'l1' strength × the sum of their sizes. Both pull weights "
              "towards 0 and smooth the boundary.",
        "ko": "Keras의 이름 그대로입니다. 'l2'는 가중치 제곱합의 세기배(keras.regularizers.L2(세기)), 'l1'은 가중치 "
              "절댓값 합의 세기배를 손실에 더합니다. 둘 다 가중치를 0 쪽으로 당겨 경계를 매끄럽게 합니다.",
    },
    "boundary.regularizer.none": {"en": "none", "ko": "없음"},
    "boundary.regularizer.l1": {"en": "L1", "ko": "L1"},
    "boundary.regularizer.l2": {"en": "L2", "ko": "L2"},
    "boundary.regularization": {"en": "Regularization strength", "ko": "규제 세기"},
    "boundary.regularization_help": {
        "en": "The factor of the penalty (Keras's default is 0.01). 0.0001 barely changes the boundary; 0.1 pulls "
              "every weight so hard that the boundary flattens.",
        "ko": "벌점에 곱하는 계수입니다(Keras 기본값 0.01). 0.0001은 경계를 거의 바꾸지 않고, 0.1은 모든 가중치를 "
              "세게 당겨 경계가 평평해집니다.",
    },
    "boundary.source_kind": {"en": "Points from", "ko": "점 출처"},
    "boundary.source_kind.points": {"en": "a point set", "ko": "점 집합"},
    "boundary.source_kind.table": {"en": "a real table", "ko": "실제 표 데이터"},
    "boundary.source_kind.csv": {"en": "my CSV", "ko": "내 CSV"},
    "boundary.table": {"en": "Table", "ko": "표"},
    "boundary.column_x1": {"en": "x₁ column", "ko": "x₁ 열"},
    "boundary.column_x2": {"en": "x₂ column", "ko": "x₂ 열"},
    "boundary.table_note": {
        "en": "x₁ = {first}, x₂ = {second}; {classes} classes; {train} training and {test} test rows, standardised "
              "with the training rows' mean and deviation (as on the Train page).",
        "ko": "x₁ = {first}, x₂ = {second}; 클래스 {classes}개; 학습 {train}행, 테스트 {test}행. 학습 행의 평균과 "
              "표준편차로 표준화했습니다 (학습 페이지와 같음).",
    },
    "boundary.same_columns": {"en": "Pick two different columns.", "ko": "서로 다른 두 열을 고르세요."},
    "boundary.csv_upload": {"en": "CSV with two number columns and a class column", "ko": "숫자 열 두 개와 클래스 열이 있는 CSV"},
    "boundary.csv_label": {"en": "Class column", "ko": "클래스 열"},
    "boundary.csv_wanted": {
        "en": "Upload a CSV: two number columns (x₁, x₂) and one column of classes (2 to 6 of them), one row per point.",
        "ko": "CSV를 올리세요. 숫자 열 두 개(x₁, x₂)와 클래스 열 하나(2~6개 클래스), 한 행에 점 하나입니다.",
    },
    "boundary.csv.not_two_columns": {
        "en": "Besides the class column this file has {count} number columns ({columns}); the plane needs exactly "
              "two. Keep two columns and the class column, and upload it again.",
        "ko": "이 파일에는 클래스 열 말고 숫자 열이 {count}개({columns}) 있습니다. 평면에는 정확히 두 개가 필요합니다. "
              "두 열과 클래스 열만 남겨 다시 올리세요.",
    },
    "boundary.csv.regression": {
        "en": "The column '{column}' holds many different numbers, not classes. Pick the column that names each "
              "point's class.",
        "ko": "'{column}' 열에는 클래스가 아니라 여러 가지 숫자가 들어 있습니다. 각 점의 클래스를 나타내는 열을 고르세요.",
    },
    "boundary.csv.too_many_classes": {
        "en": "The column '{column}' has {count} classes; the plane shows at most {most}. Pick another class column.",
        "ko": "'{column}' 열에 클래스가 {count}개 있습니다. 평면에는 최대 {most}개까지 보입니다. 다른 클래스 열을 고르세요.",
    },
    "boundary.csv_in_link": {
        "en": "This link was made with your own CSV '{name}', which a link does not carry: upload it again.",
        "ko": "이 링크는 직접 올린 CSV '{name}'로 만들어졌고, 링크에는 파일이 담기지 않습니다. 다시 올려 주세요.",
    },
    "boundary.bad_link": {"en": "This lab link cannot be read ({detail}); the page shows its defaults.",
                          "ko": "이 실습 링크를 읽을 수 없습니다 ({detail}). 기본 설정을 보여 줍니다."},
    "boundary.link_loaded": {"en": "The lab from the link is loaded: press Train.",
                             "ko": "링크의 실습을 불러왔습니다. 학습을 누르세요."},
    "boundary.open_in_build": {"en": "Open in Build", "ko": "만들기에서 열기"},
    "boundary.open_in_build_help": {
        "en": "Hands this network (its layers; the input features become its inputs) to the Build page.",
        "ko": "이 신경망(층 구성, 입력 특성이 입력이 됨)을 만들기 페이지로 넘깁니다.",
    },
    "boundary.opened_in_build_plain": {
        "en": "The Decision boundary lab's network is loaded: it takes points (x₁, x₂).",
        "ko": "결정 경계 실습의 신경망을 불러왔습니다. 점 (x₁, x₂)를 받습니다.",
    },
    "boundary.opened_in_build": {
        "en": "The Decision boundary lab's network is loaded: it takes points (x₁, x₂), and its features "
              "({features}) are its first layer, InputFeatures, which you can edit here.",
        "ko": "결정 경계 실습의 신경망을 불러왔습니다. 점 (x₁, x₂)를 받고, 특성({features})은 첫 번째 층 "
              "InputFeatures이며 여기서 고칠 수 있습니다.",
    },
    "boundary.share": {"en": "This page's link holds the whole lab (data, network, seed):",
                       "ko": "이 페이지의 링크에 실습 전체(데이터, 신경망, 시드)가 담겨 있습니다:"},
    "boundary.inside": {"en": "Inside the network", "ko": "신경망 내부"},
    "boundary.inside_untrained": {"en": "Train at least one epoch to see what each neuron has learned.",
                                  "ko": "한 에포크 이상 학습하면 각 뉴런이 배운 것이 보입니다."},
    "boundary.inside_help": {
        "en": "Each square is one neuron's answer over the same plane (blue positive, orange negative, white 0). "
              "Lines are weights: thicker is larger, blue positive, orange negative. Hover a neuron for its weights "
              "and bias. At most {most} neurons of a layer are drawn.",
        "ko": "네모 하나가 같은 평면 위에서 뉴런 하나가 내는 값입니다 (파랑 양수, 주황 음수, 흰색 0). 선은 가중치입니다: "
              "굵을수록 크고, 파랑은 양수, 주황은 음수입니다. 뉴런에 마우스를 올리면 가중치와 편향이 보입니다. "
              "한 층에서 최대 {most}개 뉴런까지 그립니다.",
    },
    "boundary.net.input": {"en": "input", "ko": "입력"},
    "boundary.net.layer": {"en": "layer {number}", "ko": "{number}층"},
    "boundary.net.unit": {"en": "neuron {number}", "ko": "뉴런 {number}"},
    "boundary.net.output": {"en": "output", "ko": "출력"},
    "boundary.net.weights": {"en": "weights", "ko": "가중치"},
    "boundary.net.bias": {"en": "bias", "ko": "편향"},
    "boundary.optimizer": {"en": "Optimizer", "ko": "옵티마이저"},
    "boundary.learning_rate": {"en": "Learning rate", "ko": "학습률"},
    "boundary.batch_size": {"en": "Batch size", "ko": "배치 크기"},
    "boundary.epochs": {"en": "Epochs per Train", "ko": "학습 한 번의 에포크 수"},
    "boundary.train": {"en": "Train", "ko": "학습"},
    "boundary.stop": {"en": "Stop", "ko": "정지"},
    "boundary.one_epoch": {"en": "One epoch", "ko": "한 에포크"},
    "boundary.reset": {"en": "Reset", "ko": "초기화"},
    "boundary.reset_help": {"en": "Back to the same initial weights (epoch 0).", "ko": "같은 초기 가중치로 돌아갑니다 (에포크 0)."},
    "boundary.new_weights": {"en": "New weights", "ko": "새 가중치"},
    "boundary.new_weights_help": {"en": "Draw different initial weights and start again.",
                                  "ko": "다른 초기 가중치를 뽑아 다시 시작합니다."},
    "boundary.continue_note": {
        "en": "Train and One epoch continue from the current weights; the optimizer's own state (e.g. Adam's "
              "moving averages) starts fresh each time, as with a second model.fit on a reloaded model.",
        "ko": "학습과 한 에포크는 현재 가중치에서 이어갑니다. 옵티마이저 내부 상태(Adam의 이동 평균 등)는 "
              "다시 불러온 모델로 model.fit을 한 번 더 할 때처럼 매번 새로 시작합니다.",
    },
    "boundary.status": {"en": "Epoch {epoch} · train loss {loss} · test loss {test_loss} · test accuracy {accuracy}",
                        "ko": "에포크 {epoch} · 학습 손실 {loss} · 테스트 손실 {test_loss} · 테스트 정확도 {accuracy}"},
    "boundary.untrained": {"en": "Epoch 0: press Train to see the boundary.", "ko": "에포크 0: 학습을 누르면 경계가 보입니다."},
    "boundary.training": {"en": "Training…", "ko": "학습 중…"},
    "boundary.failed": {"en": "Training ended: {reason}", "ko": "학습이 끝났습니다: {reason}"},
    "boundary.show_code": {"en": "Show code", "ko": "코드 보기"},
    "boundary.chart.train": {"en": "train", "ko": "학습"},
    "boundary.chart.test": {"en": "test", "ko": "테스트"},
    "boundary.chart.class": {"en": "class {label}", "ko": "클래스 {label}"},
    "boundary.chart.epoch": {"en": "epoch", "ko": "에포크"},
    "boundary.chart.loss": {"en": "loss", "ko": "손실"},
    "boundary.chart.model": {"en": "the model says", "ko": "모델의 답"},
}
