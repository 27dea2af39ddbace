"""What a password and a username must be: NCSC password guidance, and usernames that cannot be mistaken.

Passwords follow the NCSC's password guidance and NIST SP 800-63B: a minimum length, a generous maximum, a deny
list of common passwords and of the patterns breached lists are full of (one repeated character, runs such as
1234567890 or qwertyuiop, the word "password" with digits, the username itself), and no composition rules
(no forced digits or symbols, which push people towards predictable patterns).

Usernames are compared by a skeleton: Unicode-normalised (NFKC), case-folded, and with characters that look
alike mapped to one (Cyrillic and Greek look-alikes of Latin letters, 0/o, 1/l/i, rn/m), so `ADMIN` and a
Cyrillic "аdmin" cannot sit beside `admin`.
"""

import re
import unicodedata

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 256
MAX_USERNAME_LENGTH = 100

# The most common passwords in published breach corpora (the NCSC's "100,000 most common" list starts with
# these), compared after lower-casing and removing spaces and trailing digits and symbols.
COMMON = frozenset("""
password passw0rd p@ssword p@ssw0rd letmein welcome welcome1 iloveyou admin administrator root qwerty qwertyuiop
qwertyui asdfghjkl asdfgh zxcvbnm zxcvbnmasdf monkey dragon football baseball sunshine princess shadow master
superman batman trustno1 abc abcdef abcdefgh abcdefghij abc123 secret changeme changeit default login access
starwars whatever freedom hello hellohello michael jennifer charlie jordan liverpool chelsea arsenal manchester
london england nhs nhsnhs health healthcare hospital caresystem summer winter autumn spring january february
september october november december monday friday computer internet samsung google mypassword yourpassword
passwordpassword qazwsx qazwsxedc 1q2w3e4r 1q2w3e4r5t zaq12wsx ashley daniel thomas jessica matthew andrew
""".split())
KEYBOARD_RUNS = ("1234567890", "0987654321", "qwertyuiop", "poiuytrewq", "asdfghjkl", "lkjhgfdsa", "zxcvbnm",
                 "mnbvcxz", "abcdefghijklmnopqrstuvwxyz", "zyxwvutsrqponmlkjihgfedcba")

LOOKALIKES = str.maketrans({
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t",
    "у": "y", "х": "x", "ѕ": "s", "і": "l", "ї": "l", "ј": "j", "ԁ": "d", "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l",
    # Greek
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "l", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u",
    "χ": "x", "ω": "w",
    # Latin digits and letters that pass for each other
    "0": "o", "1": "l", "i": "l", "|": "l", "5": "s", "$": "s", "@": "a",
    # separators people do not notice
    "-": "", "_": "", ".": "",
})


def username_skeleton(username: str) -> str:
    """The form two usernames share when a person could mistake one for the other."""
    folded = unicodedata.normalize("NFKC", username).casefold()
    return folded.translate(LOOKALIKES).replace("rn", "m").replace("vv", "w")


def username_problem(username: str) -> str | None:
    """Why `username` cannot be used, or None."""
    if not username:
        return "enter a username"
    if len(username) > MAX_USERNAME_LENGTH:
        return f"must be at most {MAX_USERNAME_LENGTH} characters"
    if unicodedata.normalize("NFKC", username) != username:
        return "use plain letters and digits (this one has compatibility characters)"
    if not username.replace("-", "").replace("_", "").replace(".", "").isalnum():
        return "use letters, digits, dots, dashes or underscores"
    return None


def _core(password: str) -> str:
    """The password as breached lists would know it: lower case, no spaces, no trailing digits or symbols."""
    squeezed = re.sub(r"\s+", "", password.casefold())
    return re.sub(r"[\d\W_]+$", "", squeezed)


def password_problem(password: str, *, username: str = "") -> str | None:
    """Why `password` is refused (NCSC password guidance), or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"must be at least {MIN_PASSWORD_LENGTH} characters"
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"must be at most {MAX_PASSWORD_LENGTH} characters"
    if not password.strip():
        return "must not be only spaces"
    lowered = re.sub(r"\s+", "", password.casefold())
    if len(set(lowered)) <= 2:
        return "must not be one or two characters repeated"
    if any(lowered in run or run.startswith(lowered) for run in KEYBOARD_RUNS) or lowered.isdigit():
        return "must not be a run of keys or only digits, which guessing tools try first"
    core = _core(password)
    if core in COMMON or any(core == word * (len(core) // len(word)) for word in COMMON if core.startswith(word)):
        return "is one of the most common passwords; choose three random words instead"
    if username and username_skeleton(username) in username_skeleton(password):
        return "must not contain the username"
    return None
