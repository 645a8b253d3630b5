"""Placement rules: which file names and contents mean which MOF component.

Kept as tables so a reader can audit the rules without reading control flow.
Patterns match the lower-cased '/'-separated path relative to the target root.
"""

from __future__ import annotations

import re

from opengauge.model import Component as C

# Folders whose weight files are intermediate checkpoints, not the final model.
INTERMEDIATE_DIRS = re.compile(
    r"(^|/)(checkpoint[-_]?\d+|checkpoints?|ckpts?|step[-_]?\d+|global[-_]?step[-_]?\d+|"
    r"iter(ation)?[-_]?\d+|epoch[-_]?\d+|intermediate[^/]*|revisions?|snapshots?[-_]\d+)/"
)
INTERMEDIATE_FILES = re.compile(r"(step|epoch|iter|ckpt)[-_]?\d+[^/]*\.[a-z0-9]+$")

# Training-state files: optimizer, scheduler and trainer records are model metadata.
METADATA_FILES = re.compile(
    r"(^|/)(optimizer[^/]*\.(pt|bin|pth|safetensors)|scheduler[^/]*\.(pt|bin|pth)|"
    r"rng_state[^/]*\.(pth|pt)|training_args\.bin|trainer_state\.json|"
    r"events\.out\.tfevents[^/]*|[^/]*train(ing)?[-_]?log[^/]*|wandb/[^/]+|"
    r"[^/]*hyperparam[^/]*\.(json|ya?ml)|[^/]*\.log)$"
)

# (component, path pattern, reason) tried in order; the first match places the file.
NAME_RULES: tuple[tuple[C, re.Pattern[str], str], ...] = tuple(
    (component, re.compile(pattern), reason)
    for component, pattern, reason in (
        (
            C.OTHER,
            r"(^|/)(generation_config\.json|\.gitattributes|\.gitignore|\.github/.*|"
            r"\.gitlab-ci\.ya?ml|\.pre-commit[^/]*|\.circleci/.*|\.devcontainer/.*|"
            r"codeowners|contributing[^/]*|code_of_conduct[^/]*|security\.md|changelog[^/]*|"
            r"requirements[^/]*\.txt|environment[^/]*\.ya?ml|dockerfile[^/]*|makefile|"
            r"conda[^/]*\.ya?ml|pipfile(\.lock)?|poetry\.lock|uv\.lock|\.dockerignore|"
            r"setup\.py|setup\.cfg|pyproject\.toml|manifest\.in|tox\.ini|\.flake8|"
            r"citation\.cff|mkdocs\.ya?ml)$",
            "repository tooling and packaging, no component of its own",
        ),
        (
            C.DATA_CARD,
            r"(^|/)(datasheet|data[-_]?card|dataset[-_]?card|data[-_]?statement)"
            r"[^/]*\.(md|txt|pdf|markdown)$",
            "named as a datasheet / data card",
        ),
        (
            C.DATA_CARD,
            r"(^|/)(dataset_infos?\.json|dataset_dict\.json|data_config\.json)$",
            "describes the training data files",
        ),
        (
            C.EVALUATION_RESULTS,
            r"(^|/)([^/]*eval[^/]*results?|[^/]*results?|all_results|"
            r"benchmark[-_]?results?)[^/]*\.(json|csv|tsv)$",
            "named as evaluation results",
        ),
        (
            C.DATA_PREPROCESSING_CODE,
            r"(^|/)([^/]*[-_])?(pre[-_]?process|prepare|preprocessing|"
            r"data[-_]pipeline|clean|dedup|filter|tokeni[sz]e[-_]?data|build[-_]?data|download[-_]?data|make[-_]?data|"
            r"(?:data|dataset)[-_]?(?:transform|process|mix)\w*)"
            r"[^/]*\.(py|sh|ipynb)$",
            "named as data preparation code",
        ),
        (
            C.DATA_PREPROCESSING_CODE,
            r"(^|/)(data[-_]?(processing|prep|pipeline)|preprocess(ing)?)"
            r"/[^/]+\.(py|sh|ipynb)$",
            "data processing folder",
        ),
        (
            C.DATA_PREPROCESSING_CODE,
            r"(^|/)(data|datasets?|data[-_]utils|dataset[-_]utils|data_loader|dataloader)\.py$",
            "the release's data loading and preparation module",
        ),
        (
            C.DATA_PREPROCESSING_CODE,
            r"(^|/)[^/]*(generate[-_](instruction|data|dataset)|data[-_]?gen\w*|synth\w*[-_]data|"
            r"create[-_]\w*data)[^/]*\.(py|sh|ipynb)$",
            "generates or builds the training data",
        ),
        (
            C.EVALUATION_CODE,
            r"(^|/)([^/]*[-_])?(eval|evaluate|evaluation)[^/]*\.(py|sh|ipynb)$",
            "named as evaluation code",
        ),
        (
            C.EVALUATION_CODE,
            r"(^|/)(evaluation|evals?|llm_judge|judge)/[^/]+\.(py|sh|ipynb)$",
            "evaluation folder",
        ),
        (
            C.TRAINING_CODE,
            # not "pretrained.py" or "finetuned_models.py": those list trained models
            r"(^|/)([^/]*[-_])?(train|trainer|finetune|fine[-_]tune|pretrain|sft|dpo|rlhf|grpo|"
            r"ppo|reward[-_]model)(?!ed)[^/]*\.(py|ipynb)$",
            "named as training code",
        ),
        (
            C.TRAINING_CODE,
            # "training/", "open_clip_train/": a folder named for training
            r"(^|/)([^/]*[-_])?(training|train|finetuning|trainers?)/[^/]+\.(py|ipynb)$",
            "training folder",
        ),
        (
            C.MODEL_METADATA,
            r"(^|/)(([^/]*[-_])?(train|finetune|pretrain|sft|dpo)[^/]*|ds_config[^/]*|"
            r"deepspeed[^/]*|accelerate[^/]*|zero[-_]?\d[^/]*)\.(ya?ml|json|toml|gin|cfg|conf)$",
            "training configuration (hyperparameters)",
        ),
        (
            C.MODEL_METADATA,
            r"(^|/)([^/]*[-_])?(train|pretrain|finetune|sft|dpo)[^/]*\.(sh|slurm|sbatch)$",
            "training launch script (the run's exact settings)",
        ),
        (
            C.MODEL_METADATA,
            r"^(?!.*(infer|sampl|generat|serv|demo|eval|test))"
            r"(.*/)?([^/]*[-_])?(configs?|recipes|yamls|hparams|hyperparameters)/"
            r"([^/]+/)*[^/]+\.(ya?ml|json|gin|toml|conf|sh)$",
            "training configuration folder",
        ),
        (
            C.INFERENCE_CODE,
            r"(^|/)(serve|serving|inference)/[^/]+\.(py|sh|js)$",
            "serving / inference folder",
        ),
        (
            C.INFERENCE_CODE,
            r"(^|/)([^/]*[-_])?(infer|inference|generate|generation|predict|demo|"
            r"serve|server|handler|pipeline|chat|sample|run_model|app)[^/]*\.(py|sh|ipynb|js)$",
            "named as inference code",
        ),
        (
            C.MODEL_ARCHITECTURE,
            r"(^|/)(modeling|configuration|model|models|architecture|"
            r"network|layers|transformer)[^/]*\.py$",
            "named as model architecture code",
        ),
        (
            C.MODEL_ARCHITECTURE,
            r"(^|/)(models?|modeling|architectures?|nets?)/[^/]+\.py$",
            "model code folder",
        ),
        (
            C.EVALUATION_DATA,
            r"(^|/)([^/]*[-_])?(eval|evaluation|test|benchmark|validation|dev|mmlu|bench)"
            r"([-_][^/]*)?/[^/]+\.(jsonl|json|csv|tsv|parquet|arrow|txt)$|"
            r"(^|/)([^/]*[-_])?(eval|test|bench|mmlu)[-_][^/]*/data-\d+-of-\d+[^/]*$",
            "data in an evaluation folder",
        ),
        (
            C.EVALUATION_DATA,
            r"(^|/)([^/]*[-_])?(eval|test|valid|dev)[^/]*\.(jsonl|csv|tsv|parquet|arrow)$",
            "named as evaluation data",
        ),
        (
            C.SAMPLE_MODEL_OUTPUTS,
            r"(^|/)(samples?|sample[-_]?outputs?|outputs?|generations?|"
            r"examples?[-_]outputs?|gallery)/[^/]+$",
            "sample outputs folder",
        ),
        (
            C.SAMPLE_MODEL_OUTPUTS,
            r"(^|/)[^/]*(sample[-_]?outputs?|generations?)[^/]*"
            r"\.(jsonl|json|txt|md|png|jpg|wav|mp3|mp4)$",
            "named as sample outputs",
        ),
        (
            C.DATASETS,
            r"(^|/)(data|datasets?|corpus|corpora|train[-_]?data)/[^/]+\."
            r"(jsonl|json|csv|tsv|parquet|arrow|txt|gz|zst|xz|tfrecord|bin|idx)$",
            "data folder",
        ),
        (
            C.DATASETS,
            r"(^|/)([^/]*[-_])?train[^/]*\.(jsonl|csv|tsv|parquet|arrow|tfrecord)$",
            "named as training data",
        ),
        (
            C.DATASETS,
            r"^[^/]*[-_](data|dataset)\.(json|jsonl|csv|tsv|parquet)$",
            "data file at the top of the release",
        ),
        (
            C.RESEARCH_PAPER,
            r"(^|/)[^/]*(paper|arxiv|\d{4}\.\d{4,5})[^/]*\.(pdf|tex)$",
            "named as a research paper",
        ),
        (C.RESEARCH_PAPER, r"(^|/)(papers?|publications?|arxiv)/[^/]+\.(pdf|tex)$", "paper folder"),
        (
            C.TECHNICAL_REPORT,
            r"(^|/)[^/]*(tech(nical)?[-_ ]?report|whitepaper|white[-_ ]paper|system[-_]card)"
            r"[^/]*\.(pdf|md)$",
            "named as a technical report",
        ),
        (
            C.SUPPORTING_LIBRARIES,
            r"(^|/)(kernels?|csrc|cuda|ops)/[^/]+\.(cu|cuh|cpp|cc|c|h|hpp|py)$|\.(cu|cuh)$",
            "the release's own kernels",
        ),
        (
            C.SUPPORTING_LIBRARIES,
            r"(^|/)(tokeniz\w*\.py|tokenizers?/[^/]+\.py)$",
            "the release's tokenizer code",
        ),
        (
            C.SUPPORTING_LIBRARIES,
            r"(^|/)(utils?|utilities|tools?|helpers)/[^/]+\.(py|sh|c|cpp)$",
            "the release's own tools",
        ),
        (
            C.SUPPORTING_LIBRARIES,
            r"(^|/)[^/]*(convert|export|onnx|quantiz)[^/]*\.py$",
            "conversion / export tool",
        ),
        (
            C.MODEL_ARCHITECTURE,
            r"(^|/)(modules\.json|config_sentence_transformers\.json|"
            r"sentence_bert_config\.json|\d+_pooling/config\.json|\d+_dense/config\.json|"
            r"adapter_config\.json|model_index\.json|scheduler/scheduler_config\.json)$",
            "defines how the model's modules are assembled",
        ),
    )
)

# Tokenizer files serve inference and training; MOF counts them as supporting tools.
TOKENIZER_REASON = "tokenizer file used to encode model inputs"

# Content cues in code heads: (component, regex, reason).
CODE_CUES: tuple[tuple[C, re.Pattern[str], str], ...] = tuple(
    (component, re.compile(pattern), reason)
    for component, pattern, reason in (
        (
            C.TRAINING_CODE,
            r"(\.backward\(\)|optimizer\.step\(|Trainer\(|SFTTrainer\(|"
            r"\.fit\(|training_args|TrainingArguments\(|\bpretrain\(|\"\"\"Pretrain|"
            # "def train(", "def train_epoch(" - not "def training_docs(" (an eval task) or a
            # pytest fixture "def train_config("
            r"def (?:train|train_(?:step|epoch|loop|model|one_epoch|batch|iter|fn|func)|"
            r"training_step)\(|train_step|import [\w, ]*\bTrainer\b|Trainer\.from_argparse_args)",
            "contains a training loop",
        ),
        (
            C.MODEL_ARCHITECTURE,
            r"class \w+\((nn\.Module|torch\.nn\.Module|PreTrainedModel|"
            r"\w+PreTrainedModel|PretrainedConfig|keras\.Model|tf\.keras\.Model|eqx\.Module|"
            r"nn\.Layer)\)",
            "defines model classes",
        ),
        (
            C.EVALUATION_CODE,
            r"(lm_eval|evaluate\.load\(|compute_metrics\(|accuracy_score|f1_score|tf\.metrics|"
            r"\bbleu\b|\brouge\b|def evaluate\w*\(|def zero_shot\w*\(|mteb)",
            "computes evaluation metrics",
        ),
        (
            C.DATA_PREPROCESSING_CODE,
            # "dedup", "deduplicate" - not a model name "pythia-1b-deduped"
            r"(\.map\(\s*tokeni[sz]e|\bdedup(?:e|licat\w*)?\b|deduplicat|"
            r"def (pre)?process\w*_?(data|dataset)\w*\(|"
            r"def create_\w*(data|examples)\w*\()",
            "prepares data",
        ),
        (
            C.INFERENCE_CODE,
            # a model's encode, not str.encode
            r"(\.generate\(|pipeline\(|\.predict\(|\b(?:model|encoder|embedder)\.encode\(|"
            r"torch\.no_grad\(\)|inference_mode\(\))",
            "runs the model for predictions",
        ),
    )
)

# Card headings that show a README is a model card (lower-cased substrings).
CARD_HEADINGS = (
    "model details",
    "model description",
    "intended use",
    "uses",
    "training",
    "evaluation",
    "limitations",
    "bias",
    "license",
    "citation",
    "how to use",
    "usage",
    "results",
)
