"""What a governance body receives from the programme: the risks, benefits and performance exceptions that the
rules send to it (PID sections 6.1 and 7.1), read through the risk and benefit registers' and assurance's public names."""
