"""The cost budget of one search request.

What a search costs grows with what it asks for: every word is a set of
postings (with its aliases), every filter value a narrowing, and a search
that finds nothing is counted again once per "drop this filter / word"
suggestion. Without bounds one URL could ask for hundreds of each (390 ×
``year=2021`` took 14 s on five documents; a zero-result search with three
filters took 20 s at 100,000 clauses). Each bound is stated to the user when
it applies: a note on the page, a 400 with a message for a bad parameter.
"""

MAX_QUERY_LENGTH = 200  # characters of the search box that are read
MAX_WORDS = 20  # words or phrases (each with its OR alternatives) that must all match
MAX_FILTERS = 20  # distinct filter values, from the URL and typed in the query together
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# Clauses on a page of a department, region or industry (search/entries/).
ENTRY_PAGE_SIZE = 50
# A search with no results is counted again without one filter or word at a
# time; at most this many such counts, the filters first.
MAX_SUGGESTION_COUNTS = 6
