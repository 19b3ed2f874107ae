"""Typed identifiers, so a contact id is never passed where an account id belongs."""

from typing import NewType

AccountId = NewType("AccountId", int)
ContactId = NewType("ContactId", int)
InteractionId = NewType("InteractionId", int)
BatchId = NewType("BatchId", int)
ReviewId = NewType("ReviewId", int)
