"""Which of the 17 MOF components a target holds, references, claims or lacks."""

from opengauge.components.assess import assess, count_model_index_results
from opengauge.components.place import architecture_of, place_all, place_file

__all__ = ["architecture_of", "assess", "count_model_index_results", "place_all", "place_file"]
