"""The local directory of the territory's structures and services, modelled on data·inclusion."""
