"""The citizen's meeting pages: meetings (`meetings`), homework (`homework`), and preparing for the
next meeting with the questionnaire (`preparation`, the blueprint named "questionnaire": the
questionnaire prepares one meeting, so its journey lives with the meetings)."""
