"""Reading an article: its area figures and spatial claims, tied to places and verified."""

#: The article languages ``lang`` may name; ``auto`` judges from the characters. (Here, so that the
#: command line can offer them without compiling the article's patterns.)
ARTICLE_LANGS = ("auto", "en", "zh-Hant", "zh-Hans")
