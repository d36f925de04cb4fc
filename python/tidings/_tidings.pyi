from typing import List, Optional, Tuple

__version__: str

def extract_json(text: str, date: Optional[str] = ..., title: Optional[str] = ...,
                 id: Optional[str] = ...) -> str: ...
def extract_json_many(
    articles: List[Tuple[Optional[str], Optional[str], Optional[str], str]]
) -> List[Tuple[bool, str]]: ...
