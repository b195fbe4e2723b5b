from django import template

from search.limits import MAX_QUERY_LENGTH

register = template.Library()


@register.filter
def get_item(mapping: dict, key: str):
    """``{{ roles|get_item:role }}``: a dict lookup with a variable key."""
    return mapping.get(key, key)


@register.simple_tag
def max_query_length() -> int:
    """What the search box may hold: the characters a search reads (``search.limits``)."""
    return MAX_QUERY_LENGTH
