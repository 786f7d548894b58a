"""Trojan Source, homoglyph function: two functions that look the same."""


def say_hello() -> None:
    print("Hello, World!")


def say_hеllo() -> None:
    print("Goodbye, World!")


say_hеllo()
