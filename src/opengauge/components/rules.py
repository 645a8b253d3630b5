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
            r"(^|/)(generation_config\.json|\.gitattributes|\.gitignore)$",
            "tool settings, no component of its own",
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
            r"leaderboard|benchmark[-_]?results?)[^/]*\.(json|csv|md|tsv|txt)$",
            "named as evaluation results",
        ),
        (
            C.DATA_PREPROCESSING_CODE,
            r"(^|/)([^/]*[-_])?(pre[-_]?process|prepare|preprocessing|"
            r"data[-_]pipeline|clean|dedup|filter|tokeni[sz]e[-_]?data|build[-_]?data|download[-_]?data|make[-_]?data)"
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
            C.EVALUATION_CODE,
            r"(^|/)([^/]*[-_])?(eval|evaluate|evaluation|benchmark|score)[^/]*"
            r"\.(py|sh|ipynb)$",
            "named as evaluation code",
        ),
        (
            C.EVALUATION_CODE,
            r"(^|/)(evaluation|evals?|benchmarks?)/[^/]+\.(py|sh|ipynb)$",
            "evaluation folder",
        ),
        (
            C.TRAINING_CODE,
            r"(^|/)([^/]*[-_])?(train|finetune|fine[-_]tune|pretrain|sft|dpo|rlhf)"
            r"[^/]*\.(py|sh|ipynb)$",
            "named as training code",
        ),
        (
            C.TRAINING_CODE,
            r"(^|/)(training|train|finetuning)/[^/]+\.(py|sh|ipynb)$",
            "training folder",
        ),
        (
            C.TRAINING_CODE,
            r"(^|/)(([^/]*[-_])?(train|finetune|pretrain)[^/]*|ds_config[^/]*|"
            r"deepspeed[^/]*|accelerate[^/]*)\.(ya?ml|json|toml|gin|cfg)$",
            "training configuration",
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
            r"(^|/)(eval|evaluation|test|benchmark|validation|dev)[^/]*/"
            r"[^/]+\.(jsonl|json|csv|tsv|parquet|arrow|txt)$",
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
            r"(jsonl|json|csv|tsv|parquet|arrow|txt|gz|zst|xz|tfrecord)$",
            "data folder",
        ),
        (
            C.DATASETS,
            r"(^|/)([^/]*[-_])?train[^/]*\.(jsonl|csv|tsv|parquet|arrow|tfrecord)$",
            "named as training data",
        ),
        (
            C.RESEARCH_PAPER,
            r"(^|/)[^/]*(paper|arxiv|\d{4}\.\d{4,5})[^/]*\.(pdf|tex)$",
            "named as a research paper",
        ),
        (C.RESEARCH_PAPER, r"(^|/)(papers?|publications?|arxiv)/[^/]+\.(pdf|tex)$", "paper folder"),
        (
            C.TECHNICAL_REPORT,
            r"(^|/)[^/]*(report|tech|whitepaper|system[-_]card)[^/]*\.(pdf|md)$",
            "named as a technical report",
        ),
        (C.TECHNICAL_REPORT, r"\.pdf$", "PDF document"),
        (
            C.SUPPORTING_LIBRARIES,
            r"(^|/)(requirements[^/]*\.txt|environment[^/]*\.ya?ml|"
            r"setup\.py|setup\.cfg|pyproject\.toml|dockerfile|makefile|conda[^/]*\.ya?ml|"
            r"pipfile(\.lock)?|poetry\.lock|uv\.lock)$",
            "dependency / build definition",
        ),
        (
            C.SUPPORTING_LIBRARIES,
            r"(^|/)(src|lib|utils?|tools?|scripts?)/[^/]+\.(py|sh|c|cpp|cu)$",
            "library or tool code",
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
            r"\.fit\(|training_args|TrainingArguments\()",
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
            r"(lm_eval|evaluate\.load\(|compute_metrics|accuracy_score|"
            r"f1_score|bleu|rouge|perplexity)",
            "computes evaluation metrics",
        ),
        (
            C.DATA_PREPROCESSING_CODE,
            r"(\.map\(\s*tokeni[sz]e|dedup|load_dataset\(|"
            r"\.filter\(|normaliz)",
            "prepares data",
        ),
        (
            C.INFERENCE_CODE,
            r"(\.generate\(|pipeline\(|\.predict\(|\.encode\(|"
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
