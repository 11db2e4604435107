package dev.arbiter.desktop.tokens;

import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.common.StatusMessage;
import dev.arbiter.desktop.common.LazyScreen;
import dev.arbiter.desktop.common.Screen;
import org.kordamp.ikonli.material2.Material2MZ;

/** The Tokens screen as the shell lists it; it follows the workspace, also tokens issued by the CLI. */
public final class TokensScreen {

    private TokensScreen() {
    }

    public static Screen create(DesktopContext context) {
        var ws = context.workspace();
        TokensViewModel model = new TokensViewModel(ws.tokens(), ws.agents(), ws.clock(), context::actor,
                context.background(), new StatusMessage(context.ui()));
        model.follow(ws.events(), context.ui());
        return new LazyScreen("Tokens", Material2MZ.VPN_KEY, () -> new TokensView(model), model::refresh);
    }
}
