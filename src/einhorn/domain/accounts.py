"""An account owns all data; local use runs as one implicit local account."""

from __future__ import annotations

from dataclasses import dataclass, field

from einhorn.domain.ids import AccountId
from einhorn.domain.tiers import CadencePolicy

LOCAL_ACCOUNT_NAME = "local"


@dataclass(slots=True)
class Account:
    name: str
    cadence: CadencePolicy = field(default_factory=CadencePolicy)
    default_region: str = "DE"
    id: AccountId | None = None

    @property
    def key(self) -> AccountId:
        if self.id is None:
            raise ValueError("account has not been saved yet")
        return self.id
