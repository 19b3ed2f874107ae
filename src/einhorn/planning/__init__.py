"""Planning engines: the personal lunch plan (CP-SAT) and team pairing rounds (matching).

Pure: problems in, explained plans out; no storage, no file formats, no interface.
"""
