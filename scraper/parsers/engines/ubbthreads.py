"""placeholder"""
NAME = "ubbthreads"
VERSION = "0"


def detect(doc):
    return False


def parse(doc, ctx):
    raise NotImplementedError
