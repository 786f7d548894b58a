"""Trojan Source, commenting out: the admin check reads as a comment-like string."""


def greet(is_admin: bool) -> None:
    """‮ } ⁦if is_admin⁩ ⁦ begin admins only"""
    print("You are an admin.")
    """ end admins only ‮ { ⁦"""
