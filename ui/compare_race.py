"""placeholder"""
def render(state):
    pass
