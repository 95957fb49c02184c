"""Shared helpers every layer may use: text repairs and amounts in lekë (`text`), closed vocabularies (`vocab`),
every user-facing message in Albanian and English (`messages`), atomic file writes (`files`).

Imports: the standard library only; nothing else from `addin`."""
