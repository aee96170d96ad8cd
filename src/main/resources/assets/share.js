// placeholder: the public page script
