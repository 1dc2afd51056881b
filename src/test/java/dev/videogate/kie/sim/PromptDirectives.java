package dev.videogate.kie.sim;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Outcome directives a prompt may carry, so that tests and a human trying the sandbox can script a task:
 * <ul>
 *   <li>{@code [sim:fail]}: the task ends in state {@code fail}, failCode "500", failMsg
 *       {@value #DEFAULT_FAIL_MSG};</li>
 *   <li>{@code [sim:fail:<message>]}: the same with a custom failMsg;</li>
 *   <li>{@code [sim:no-callback]}: the task ends but no callback is ever sent;</li>
 *   <li>{@code [sim:double-callback]}: the callback is sent twice;</li>
 *   <li>{@code [sim:slow:<millis>]}: this task's generation time;</li>
 *   <li>{@code [sim:stuck]}: the task stays {@code generating} forever.</li>
 * </ul>
 * Directives are case-insensitive and may be combined. Unknown {@code [sim:...]} tags are ignored.
 */
public record PromptDirectives(boolean fail, String failMsg, boolean noCallback, boolean doubleCallback,
                               Long slowMillis, boolean stuck) {

    public static final String DEFAULT_FAIL_MSG = "Generation failed: content policy (simulated)";

    public static final PromptDirectives NONE = new PromptDirectives(false, null, false, false, null, false);

    private static final Pattern TAG = Pattern.compile("\\[sim:([a-z-]+)(?::([^\\]]*))?\\]", Pattern.CASE_INSENSITIVE);

    public static PromptDirectives parse(String prompt) {
        if (prompt == null || !prompt.toLowerCase(java.util.Locale.ROOT).contains("[sim:")) {
            return NONE;
        }
        boolean fail = false;
        String failMsg = null;
        boolean noCallback = false;
        boolean doubleCallback = false;
        Long slow = null;
        boolean stuck = false;
        Matcher m = TAG.matcher(prompt);
        while (m.find()) {
            String name = m.group(1).toLowerCase(java.util.Locale.ROOT);
            String arg = m.group(2);
            switch (name) {
                case "fail" -> {
                    fail = true;
                    failMsg = arg == null || arg.isBlank() ? DEFAULT_FAIL_MSG : arg.trim();
                }
                case "no-callback" -> noCallback = true;
                case "double-callback" -> doubleCallback = true;
                case "stuck" -> stuck = true;
                case "slow" -> {
                    if (arg != null) {
                        try {
                            slow = Math.max(0, Long.parseLong(arg.trim()));
                        } catch (NumberFormatException ignored) {
                            // not a number: ignore the directive
                        }
                    }
                }
                default -> {
                    // unknown directive: ignored
                }
            }
        }
        return new PromptDirectives(fail, failMsg, noCallback, doubleCallback, slow, stuck);
    }
}
