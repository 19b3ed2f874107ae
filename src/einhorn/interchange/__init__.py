"""Pure format code: bytes and documents in and out of the domain; never touches the store."""
