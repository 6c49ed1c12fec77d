"""placeholder"""
NAME = "mybb"
VERSION = "0"


def detect(doc):
    return False


def parse(doc, ctx):
    raise NotImplementedError
