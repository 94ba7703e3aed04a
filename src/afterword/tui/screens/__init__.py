"""The app's screens: Today, Interviews, an interview's detail, help and dialogs."""
