"""The handover slip the person takes home: what to do, where, by when, with whom."""
