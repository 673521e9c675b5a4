using EdgeIam.Policy.Model;

namespace EdgeIam.Policy.Evaluation.Conditions;

/// <summary>
/// One condition clause ready to evaluate. The shared logic of every family lives here
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html,
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html):
/// a missing key makes positive operators false and negated ones true; <c>IfExists</c> makes a missing key true;
/// <c>ForAllValues</c> is true on a missing or empty set and <c>ForAnyValue</c> false; a plain operator needs a
/// single request value; several policy values are ORed, and ANDed under negation.
/// </summary>
internal sealed class CompiledCondition
{
    private readonly string _key;
    private readonly ConditionMatcher? _matcher;
    private readonly ConditionSetOperator _set;
    private readonly bool _negated;
    private readonly bool _ifExists;
    private readonly NullCheck? _nullCheck;

    public CompiledCondition(ConditionClause clause, bool variablesEnabled)
    {
        Clause = clause;
        _key = clause.NormalizedKey;
        var op = clause.Operator;
        _set = op.SetOperator;
        _negated = op.IsNegated;
        _ifExists = op.IfExists;
        if (op.Kind == ConditionOperatorKind.Null)
        {
            _nullCheck = new NullCheck(clause.Values);
        }
        else
        {
            _matcher = ConditionMatcherFactory.Create(op, clause.Values, variablesEnabled);
        }
    }

    public ConditionClause Clause { get; }

    public bool Evaluate(RequestContext context) => Outcome(context) is ConditionOutcome.Matched
        or ConditionOutcome.MissingKeyNegated or ConditionOutcome.MissingKeyIfExists
        or ConditionOutcome.ForAllValuesMissingKey or ConditionOutcome.NullCheckMatched;

    public ConditionOutcome Outcome(RequestContext context)
    {
        var present = context.TryGetValues(_key, out var values) && values.Length > 0;
        if (_nullCheck is not null)
        {
            return _nullCheck.Holds(present) ? ConditionOutcome.NullCheckMatched : ConditionOutcome.NullCheckNotMatched;
        }

        if (!present)
        {
            if (_ifExists)
            {
                return ConditionOutcome.MissingKeyIfExists;
            }

            return _set switch
            {
                ConditionSetOperator.ForAllValues => ConditionOutcome.ForAllValuesMissingKey,
                ConditionSetOperator.ForAnyValue => ConditionOutcome.ForAnyValueMissingKey,
                _ => _negated ? ConditionOutcome.MissingKeyNegated : ConditionOutcome.MissingKeyPositive,
            };
        }

        switch (_set)
        {
            case ConditionSetOperator.None:
                if (values.Length > 1)
                {
                    return ConditionOutcome.MultivaluedKeyWithoutSetOperator;
                }

                return Single(values[0], context);
            case ConditionSetOperator.ForAnyValue:
                var sawUnresolved = false;
                foreach (var value in values)
                {
                    var one = Single(value, context);
                    if (one == ConditionOutcome.Matched)
                    {
                        return one;
                    }

                    sawUnresolved |= one == ConditionOutcome.UnresolvedVariable;
                }

                return sawUnresolved ? ConditionOutcome.UnresolvedVariable : ConditionOutcome.NotMatched;
            default:
                foreach (var value in values)
                {
                    var one = Single(value, context);
                    if (one != ConditionOutcome.Matched)
                    {
                        return one;
                    }
                }

                return ConditionOutcome.Matched;
        }
    }

    private ConditionOutcome Single(string value, RequestContext context)
    {
        // An unresolvable variable makes its policy value match nothing; under negation that fails the clause.
        return _matcher!.MatchAny(value, context) switch
        {
            ValueMatch.Match => _negated ? ConditionOutcome.NotMatched : ConditionOutcome.Matched,
            ValueMatch.Unresolved => ConditionOutcome.UnresolvedVariable,
            _ => _negated ? ConditionOutcome.Matched : ConditionOutcome.NotMatched,
        };
    }
}
