"""Password validators, where Django's own need a hand.

Django 5.2 words the too-short error with a new msgid ("... at least %d character."), which
its Simplified Chinese catalogue does not translate yet (it still has the older
"%(min_length)d" msgid), so the Chinese sign-up showed the English sentence whatever the
request's language. This validator words the error with the msgid the catalogue has.
"""

from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return ngettext(
            "This password is too short. It must contain at least %(min_length)d character.",
            "This password is too short. It must contain at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}
