from typing import List, Optional, Tuple

KeyRow = Tuple[str, str, Optional[str], Optional[str], Optional[str], Optional[float],
               Optional[float], Optional[int], bool, str]

__version__: str

def extract_json(text: str, date: Optional[str] = ..., title: Optional[str] = ...,
                 id: Optional[str] = ...) -> str: ...
def extract_json_many(
    articles: List[Tuple[Optional[str], Optional[str], Optional[str], str]]
) -> List[Tuple[bool, str]]: ...
def cluster_keys_json(doc_json: str) -> List[KeyRow]:
    """Merging keys of a document's events: (event_id, type, source_actor, target_actor,
    country, lat, lon, day, negated, doc_hash), as the store computes them."""
    ...
def cluster(rows: List[KeyRow], max_km: float = ..., date_window_days: int = ...
            ) -> List[Optional[int]]:
    """Merges mentions into events: an event number per row (None when negated); the numbers
    depend only on the set of rows, not their order."""
    ...
