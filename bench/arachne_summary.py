"""Reading the summary `arachne crawl` prints, for the bench scripts (imported from bench/)."""


def seconds(text):
    """A duration as the summary prints it, "4.8 s", "1:02" or "1:02:03", in seconds."""
    text = text.strip()
    if text.endswith(" s"):
        return float(text[:-2])
    total = 0
    for part in text.split(":"):
        total = total * 60 + int(part)
    return float(total)
