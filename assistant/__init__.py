"""Assistant for front-line staff helping people in precarity get health coverage in France."""
