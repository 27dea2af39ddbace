"""One validated Settings object, built once and passed in (never read at import time)."""

import secrets
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PLACEHOLDER_SECRETS = {"", "changeme", "change-me", "secret", "dev"}


class Settings(BaseSettings):
    """Configuration from `CARESYSTEM_*` environment variables."""

    model_config = SettingsConfigDict(env_prefix="CARESYSTEM_", extra="ignore")

    database_url: str = Field("sqlite:///var/caresystem.db", description="SQLAlchemy URL of the operational database.")
    data_dir: Path = Field(Path("var/data"), description="Where analytics datasets and run outputs live.")
    secret_key: str = Field("", description="Signs session cookies; generated into var/ when not set.")
    secure_cookies: bool = Field(True, description="Send session cookies over HTTPS only (browsers allow localhost).")
    session_max_age_seconds: int = Field(8 * 3600, description="How long a browser session lasts.")
    suppression_threshold: int = Field(7, description="Published counts from 1 to this are suppressed.")
    static_dir: Path = Field(Path("node_modules"), description="Where npm installed the NHS.UK frontend.")

    @field_validator("database_url")
    @classmethod
    def _known_backend(cls, value: str) -> str:
        if not value.startswith(("sqlite", "postgresql")):
            raise ValueError("database_url must be a sqlite:// or postgresql:// URL")
        return value

    def with_secret(self, var_dir: Path = Path("var")) -> "Settings":
        """Return settings with a real secret: the configured one, else one kept in var/secret_key."""
        if self.secret_key and self.secret_key not in PLACEHOLDER_SECRETS:
            return self
        if self.secret_key in PLACEHOLDER_SECRETS - {""}:
            raise ValueError("CARESYSTEM_SECRET_KEY is a placeholder; set a long random value")
        key_file = var_dir / "secret_key"
        if not key_file.exists():
            var_dir.mkdir(parents=True, exist_ok=True)
            key_file.write_text(secrets.token_urlsafe(48))
            key_file.chmod(0o600)
        return self.model_copy(update={"secret_key": key_file.read_text().strip()})
