"""The gazetteers on the Django side: loading fixtures, building the lexicon, jieba."""
