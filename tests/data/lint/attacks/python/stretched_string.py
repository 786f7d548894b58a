"""Trojan Source, stretched string: a comment that is really inside the string."""


def check(access_level: str) -> None:
    if access_level != "user‮ ⁦# Check if admin⁩ ⁦":
        print("You are an admin.")
