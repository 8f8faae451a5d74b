name-ask = How should I address you? Write your name the way you like.{ $name ->
        [none] {""}
       *[other] {" "}Right now I call you “{ $name }”.
    }
name-keep-button = Keep it
name-kept = OK, keeping it as is.
name-saved = Nice to meet you, { $name }!
name-renamed = All right, I'll call you { $name } from now on.
name-invalid = That doesn't look like a name 🙂 Please write just a name — letters, up to 40 characters.
name-give-up = Let's keep it as is — you can change it any time with /name.
