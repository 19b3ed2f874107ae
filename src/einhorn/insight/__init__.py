"""Who knows whom: the network of the user's contacts, introduction paths, structural holes.

Pure over domain objects; graph libraries allowed here, nothing of storage or interfaces.
"""
