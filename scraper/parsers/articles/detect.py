def is_article(doc):
    return True
