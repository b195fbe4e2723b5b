from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict, key: str):
    """``{{ roles|get_item:role }}``: a dict lookup with a variable key."""
    return mapping.get(key, key)
